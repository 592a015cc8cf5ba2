using System.Globalization;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Restic;

/// <summary>The <c>retention</c> object: restic <c>forget</c> policy plus its schedule.</summary>
internal sealed record ResticRetention
{
    /// <summary>The <c>keep_*</c> counts in restic's flag order, with their flags.</summary>
    public static readonly IReadOnlyList<(string Attribute, string Flag)> Counts =
    [
        ("keep_last", "--keep-last"),
        ("keep_hourly", "--keep-hourly"),
        ("keep_daily", "--keep-daily"),
        ("keep_weekly", "--keep-weekly"),
        ("keep_monthly", "--keep-monthly"),
        ("keep_yearly", "--keep-yearly"),
    ];

    /// <summary>Set counts only, in <see cref="Counts"/> order.</summary>
    public IReadOnlyList<(string Flag, long Count)> Keep { get; init; } = [];

    public string? KeepWithin { get; init; }

    public bool Prune { get; init; } = true;

    public string Schedule { get; init; } = "daily";

    public bool HasPolicy => Keep.Count > 0 || KeepWithin is not null;

    /// <summary>restic forget flags for the policy.</summary>
    public IEnumerable<string> Flags()
    {
        foreach (var (flag, count) in Keep)
        {
            yield return flag;
            yield return count.ToString(CultureInfo.InvariantCulture);
        }
        if (KeepWithin is not null)
        {
            yield return "--keep-within";
            yield return KeepWithin;
        }
    }

    public static ResticRetention? From(TfValue v)
    {
        if (!v.IsKnown)
        {
            return null;
        }
        var keep = new List<(string, long)>();
        foreach (var (attribute, flag) in Counts)
        {
            if (v.GetInt64(attribute) is { IsKnown: true } n)
            {
                keep.Add((flag, n.Value));
            }
        }
        return new ResticRetention
        {
            Keep = keep,
            KeepWithin = v.GetString("keep_within").OrNull(),
            Prune = v.GetBool("prune").ValueOr(true),
            Schedule = v.GetString("schedule").ValueOr("daily"),
        };
    }
}
