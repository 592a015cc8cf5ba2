using Homelab.Provider.Units;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// <c>OnFailure=</c> drop-ins that attach host units (e.g. <c>incus.service</c>) to the notifier:
/// <c>&lt;state&gt;/units/&lt;unit&gt;.service.d/homelab-&lt;alert&gt;.conf</c> (docs/design/units.md).
/// The provider's own <c>homelab-*</c> units carry <c>OnFailure=</c> already and get none; the
/// notifier itself is refused at validation (it would notify about itself without end).
/// </summary>
internal static class NtfyDropIns
{
    /// <summary>Uses <c>%n</c> (the full unit name, unescaped) — never <c>%N</c>/<c>%I</c>, which lose or rewrite characters.</summary>
    public const string OnFailureLine = ServiceHealth.OnFailureLine;

    public static bool NeedsDropIn(string unit) => !unit.StartsWith("homelab-", StringComparison.Ordinal);

    public static string ServiceName(string unit) => unit.EndsWith(".service", StringComparison.Ordinal) ? unit : unit + ".service";

    /// <summary>Relative to <c>&lt;state&gt;/units</c>.</summary>
    public static string FileName(string unit, string alertName) => $"{ServiceName(unit)}.d/homelab-{alertName}.conf";

    public static string Content(string alertName) => Header(alertName) + "[Unit]\n" + OnFailureLine + "\n";

    /// <summary>
    /// True when <paramref name="content"/> is a drop-in this alert wrote (its first line names the
    /// alert), even if edited since; a file without that line was made by hand and is never
    /// replaced or removed.
    /// </summary>
    public static bool IsWrittenFor(string content, string alertName) => content.StartsWith(Header(alertName), StringComparison.Ordinal);

    private static string Header(string alertName) =>
        $"# Written by terraform-provider-homelab for homelab_ntfy_alert \"{alertName}\": report failures to failure-notify@.\n";

    /// <summary>The drop-in files an alert needs for <paramref name="units"/> (null = none: every unit reporting failures).</summary>
    public static IReadOnlyList<UnitFile> For(string alertName, IReadOnlyList<string>? units) =>
        units is null
            ? []
            : [.. units.Where(NeedsDropIn).Select(u => FileName(u, alertName)).Distinct(StringComparer.Ordinal).Select(f => new UnitFile(f, Content(alertName)))];
}
