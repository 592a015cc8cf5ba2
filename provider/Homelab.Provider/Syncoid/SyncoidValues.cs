using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Sanoid;

namespace Homelab.Provider.Syncoid;

/// <summary>Checks of job values; each returns null or a sentence saying how to fix it.</summary>
internal static partial class SyncoidValues
{
    /// <summary>
    /// <c>[user@host:]pool/dataset</c>. Neither user nor host may start with <c>-</c>: syncoid
    /// hands <c>user@host</c> to ssh as one argument, and ssh would read it as an option
    /// (<c>-oProxyCommand=…</c> runs a command).
    /// </summary>
    public static string? CheckEndpoint(string value)
    {
        var m = Endpoint().Match(value);
        if (!m.Success)
        {
            return $"\"{Validators.Printable(value)}\" is not `[user@host:]pool/dataset` (user: letters, digits, `.`, `-`, `_`, not starting with `-`; host: letters, digits, `.`, `-`, or a bracketed IPv6 address).";
        }
        return SanoidValues.CheckDataset(m.Groups["dataset"].Value);
    }

    /// <summary>The dataset part of an endpoint, and whether it is on this remote (no host part).</summary>
    public static (bool Local, string Dataset) Split(string endpoint)
    {
        var m = Endpoint().Match(endpoint);
        return (!m.Groups["host"].Success, m.Groups["dataset"].Value);
    }

    public static string? CheckPlain(string value, string what)
    {
        if (Zfs.Text.InvalidUtf8OrControl(value) is { } bad)
        {
            return $"The {what} contains {bad}.";
        }
        if (Validators.SingleLineProblem(value) is { } invisible)
        {
            return $"The {what} {invisible} Write it as one line of visible text.";
        }
        return value.Length is 0 or > 1000 ? $"The {what} must be 1 to 1000 characters long." : null;
    }

    [GeneratedRegex(@"\A(?:(?<host>(?:[A-Za-z0-9._][A-Za-z0-9._-]{0,63}@)?(?:[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\[[0-9A-Fa-f:.]{2,45}\])):)?(?<dataset>[A-Za-z][A-Za-z0-9_.:/-]{0,254})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Endpoint();

    /// <summary>syncoid's identifier goes into snapshot names.</summary>
    [GeneratedRegex("\\A[A-Za-z0-9_.:-]{1,64}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Identifier();

    /// <summary>zfs send/receive option letters and words (syncoid filters and passes them on).</summary>
    [GeneratedRegex("\\A[A-Za-z0-9 =,._:/-]{1,500}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ZfsOptions();

    [GeneratedRegex("\\A[0-9]{1,12}[kmgtKMGT]?\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Bandwidth();

    /// <summary>One ssh <c>-o</c> option, e.g. <c>StrictHostKeyChecking=yes</c>.</summary>
    [GeneratedRegex("\\A[A-Za-z][A-Za-z0-9]{0,63}=[A-Za-z0-9._:/,@+=-]{1,500}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex SshOption();

    [GeneratedRegex("\\A/[A-Za-z0-9._+/@-]{1,4000}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AbsolutePath();

    [GeneratedRegex("\\A[A-Za-z0-9@.,+-]{1,200}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Cipher();

    /// <summary>A systemd time span such as <c>0</c>, <c>5m</c>, <c>1h 30min</c> (systemd.time(7)).</summary>
    [GeneratedRegex("\\A[0-9]{1,9} ?(us|ms|s|sec|seconds?|m|min|minutes?|h|hr|hours?|d|days?|w|weeks?)?( [0-9]{1,9} ?(us|ms|s|sec|seconds?|m|min|minutes?|h|hr|hours?|d|days?|w|weeks?))*\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TimeSpan();
}
