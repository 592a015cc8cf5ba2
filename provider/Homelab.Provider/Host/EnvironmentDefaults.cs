using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Host;

/// <summary>
/// The <c>HOMELAB_*</c> defaults pass the same validators as the attributes they stand for: a
/// value that would be refused in the provider block is refused in the environment too, with a
/// diagnostic that names the variable (it has no attribute path). Without this, a bad default
/// reached the host unchecked (a relative <c>HOMELAB_STATE_DIR</c>) or was silently ignored
/// (<c>HOMELAB_COMMAND_TIMEOUT=5m</c>, <c>HOMELAB_SUDO=ture</c>).
/// </summary>
internal static class EnvironmentDefaults
{
    private static readonly string[] Booleans = ["", "1", "0", "true", "false", "yes", "no"];

    /// <summary>
    /// A lookup that returns each valid <c>HOMELAB_*</c> value and null for an invalid one, after
    /// reporting every invalid one once in <paramref name="diagnostics"/>.
    /// </summary>
    public static Func<string, string?> Validated(Func<string, string?> env, IReadOnlyDictionary<string, (string Attribute, IValueValidator Validator)> rules, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (variable, (attribute, validator)) in rules.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (env(variable) is not { Length: > 0 } value)
            {
                continue;
            }
            var found = new DiagnosticBag();
            validator.Validate(TfValue.String(value), AttrPath.Attribute(attribute), found);
            foreach (var error in found.Where(x => x.Severity == Severity.Error))
            {
                refused.Add(variable);
                diagnostics.AddError($"Invalid {variable}",
                    $"{variable} (the default for `{attribute}`) in the environment tofu/terraform runs in: {error.Detail} Fix or unset it, or set `{attribute}` in the provider configuration.");
            }
        }
        return name => refused.Contains(name) ? null : env(name);
    }

    /// <summary>The boolean variables: <c>1</c>/<c>true</c>/<c>yes</c> or <c>0</c>/<c>false</c>/<c>no</c> (any case).</summary>
    public static IValueValidator Boolean { get; } = Validators.Custom(
        "`true`, `1`, `yes`, `false`, `0` or `no`.",
        (v, p, d) =>
        {
            if (!Booleans.Contains(v.AsString().ToLowerInvariant()))
            {
                d.AddError("Invalid boolean", $"\"{Validators.Printable(v.AsString())}\" is not `true`/`1`/`yes` or `false`/`0`/`no`.", p);
            }
        });

    /// <summary>A whole number within <paramref name="min"/>..<paramref name="max"/>, as text.</summary>
    public static IValueValidator IntegerText(long min, long max) => Validators.Custom(
        $"An integer from {min} to {max}.",
        (v, p, d) =>
        {
            if (!long.TryParse(v.AsString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                d.AddError("Invalid number", $"\"{Validators.Printable(v.AsString())}\" is not an integer from {min} to {max}.", p);
            }
        });
}
