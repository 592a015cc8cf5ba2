using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>Attribute validators of <c>homelab_restic_job</c>; each runs at validate and plan time.</summary>
internal static partial class ResticValidators
{
    public static readonly IValueValidator JobName = Validators.Custom(
        "Lowercase letters, digits, `_` and `-` (up to 63), not ending in `-forget` or `-check`.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (!UnitNames.IsValidName(s))
            {
                d.AddError("Invalid job name", $"\"{Validators.Printable(s)}\" is not a job name: use 1 to 63 lowercase letters, digits, `_` and `-`, starting with a letter or digit.", p);
            }
            else if (s.EndsWith("-forget", StringComparison.Ordinal) || s.EndsWith("-check", StringComparison.Ordinal))
            {
                d.AddError("Invalid job name", $"\"{s}\" ends in `-forget` or `-check`, which name the units of other jobs (`homelab-restic-<job>-forget`); choose another name.", p);
            }
        });

    public static readonly IValueValidator SingleLine = Validators.Custom(
        "One line (no control characters).",
        (v, p, d) => CheckLine(v.AsString(), p, d));

    public static readonly IValueValidator EachSingleLine = Validators.Custom(
        "Each item is one non-empty line.",
        (v, p, d) => ForEach(v, p, (s, ip) =>
        {
            if (s.Length == 0)
            {
                d.AddError("Empty item", "Remove the empty string from the list.", ip);
            }
            CheckLine(s, ip, d);
        }));

    public static readonly IValueValidator RepositoryLocation = Validators.Custom(
        "One line, no leading/trailing blanks (restic trims the repository file).",
        (v, p, d) =>
        {
            var s = v.AsString();
            // Never echo the location: it may hold a credential.
            if (Validators.SingleLineProblem(s) is { } problem)
            {
                d.AddError("Invalid repository", $"The repository location {problem} Write it on one line.", p);
            }
            else if (s.Length == 0 || s.Trim() != s)
            {
                d.AddError("Invalid repository", "The repository location is empty or starts/ends with blanks, which restic strips from the repository file. Remove them.", p);
            }
        });

    public static readonly IValueValidator HostName = Validators.Custom(
        "A non-empty single line.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (s.Length == 0)
            {
                d.AddError("Empty host", "Remove `host` to use the machine's hostname, or set a name.", p);
            }
            CheckLine(s, p, d);
        });

    public static readonly IValueValidator AbsolutePath = Validators.Custom(
        "An absolute path on the host.",
        (v, p, d) => CheckAbsolute(v.AsString(), p, d));

    public static readonly IValueValidator EachAbsolutePath = Validators.Custom(
        "Each item is an absolute path on the host (one line).",
        (v, p, d) => ForEach(v, p, (s, ip) => CheckAbsolute(s, ip, d)));

    public static readonly IValueValidator NonEmptyList = Validators.Custom(
        "At least one item.",
        (v, p, d) =>
        {
            if (v.Elements.Length == 0)
            {
                d.AddError("Nothing to back up", "List at least one absolute path.", p);
            }
        });

    public static readonly IValueValidator EachTag = Validators.Custom(
        "Each tag is non-empty and holds no `,` (restic's tag-list separator).",
        (v, p, d) => ForEach(v, p, (s, ip) =>
        {
            if (s.Length == 0 || s.Contains(',', StringComparison.Ordinal))
            {
                d.AddError("Invalid tag", $"\"{Validators.Printable(s)}\" is not a tag: it must be non-empty and without `,`.", ip);
            }
            else if (s.StartsWith(ResticUnits.IdentityTagPrefix, StringComparison.Ordinal))
            {
                d.AddError("Reserved tag", $"\"{Validators.Printable(s)}\": tags starting with `{ResticUnits.IdentityTagPrefix}` name the job that took a snapshot; the provider adds the job's own. Remove it.", ip);
            }
            CheckLine(s, ip, d);
        }));

    public static readonly IValueValidator OptionsMap = Validators.Custom(
        "Keys look like `backend.option` (`[a-z0-9._-]`); values are one line.",
        (v, p, d) =>
        {
            foreach (var (key, value) in v.Entries)
            {
                if (!OptionKeyRegex().IsMatch(key))
                {
                    d.AddError("Invalid restic option", $"\"{Validators.Printable(key)}\" is not a restic extended option name such as `sftp.command` or `s3.region`.", p.Key(key));
                }
                if (value.IsKnown)
                {
                    CheckLine(value.AsString(), p.Key(key), d);
                }
            }
        });

    public static readonly IValueValidator TimeSpan = Validators.Matches(TimeSpanRegex(),
        "A systemd time span such as `0`, `30s`, `15min`, `1h 30min` (see systemd.time(7)).");

    public static readonly IValueValidator Duration = Validators.Matches(DurationRegex(),
        "A restic duration: numbers with `y`, `m`, `d`, `h`, e.g. `1y6m`, `14d`, `36h`.");

    public static readonly IValueValidator ReadDataSubset = Validators.Matches(SubsetRegex(),
        "`n/t` (e.g. `1/5`), a percentage (`10%`, `2.5%`) or a size (`500M`, `2G`).");

    private static void CheckLine(string s, AttrPath p, DiagnosticBag d)
    {
        if (s.Any(char.IsControl))
        {
            d.AddError("Line break or control character", $"\"{Validators.Printable(s)}\" must be a single line without control characters (put longer commands into a script and call it).", p);
        }
    }

    private static void CheckAbsolute(string s, AttrPath p, DiagnosticBag d)
    {
        if (!s.StartsWith('/'))
        {
            d.AddError("Not an absolute path", $"\"{Validators.Printable(s)}\" must be an absolute path on the host, starting with `/`.", p);
        }
        CheckLine(s, p, d);
    }

    private static void ForEach(TfValue list, AttrPath p, Action<string, AttrPath> check)
    {
        for (var i = 0; i < list.Elements.Length; i++)
        {
            if (list.Elements[i].IsKnown)
            {
                check(list.Elements[i].AsString(), p.Index(i));
            }
        }
    }

    [GeneratedRegex("\\A[a-z0-9][a-z0-9._-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex OptionKeyRegex();

    [GeneratedRegex(@"\A(0|infinity|(\s*[0-9]+(\.[0-9]+)?\s*(usec|us|msec|ms|seconds|second|sec|s|minutes|minute|min|m|hours|hour|hr|h|days|day|d|weeks|week|w|months|month|M|years|year|y)?)+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeSpanRegex();

    [GeneratedRegex("\\A([0-9]+[ymdh])+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"\A([0-9]+/[0-9]+|[0-9]+(\.[0-9]+)?%|[0-9]+[kKmMgGtT]?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubsetRegex();
}
