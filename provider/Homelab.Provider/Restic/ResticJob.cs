using Homelab.Provider.Framework.Values;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// The non-secret settings of one job, bound explicitly from a plan or state value (AOT-safe).
/// Secrets are not part of it: they come from the configuration at apply time only.
/// </summary>
internal sealed record ResticJob
{
    public required string Name { get; init; }

    public string? Remote { get; init; }

    public string? Description { get; init; }

    public required string Repository { get; init; }

    /// <summary>Null: the password is the write-only <c>password_wo</c>, kept in the job's own 0600 file.</summary>
    public string? PasswordFile { get; init; }

    public long? PasswordVersion { get; init; }

    /// <summary>True when the credentials are the write-only <c>environment_wo</c> (the job's own 0600 file).</summary>
    public bool InlineEnvironment => EnvironmentVersion is not null;

    public long? EnvironmentVersion { get; init; }

    public string? EnvironmentFile { get; init; }

    public IReadOnlyList<string> Paths { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<string> ExcludeIfPresent { get; init; } = [];

    public bool ExcludeCaches { get; init; }

    public bool OneFileSystem { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Host { get; init; }

    public string Schedule { get; init; } = "daily";

    public string RandomizedDelay { get; init; } = "0";

    public bool Persistent { get; init; } = true;

    /// <summary>The <c>max_age</c> text as written (<see cref="Units.MaxAge"/>), rendered into the backup service; null: no age bound.</summary>
    public string? MaxAge { get; init; }

    public ResticRetention? Retention { get; init; }

    public string CheckSchedule { get; init; } = "weekly";

    public string? CheckReadDataSubset { get; init; }

    public bool Initialize { get; init; } = true;

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public string? Before { get; init; }

    public string? After { get; init; }

    /// <summary>The user the units run as (<c>User=</c>); null: root.</summary>
    public string? User { get; init; }

    /// <summary>False: <c>hardening = "off"</c> (no sandbox).</summary>
    public bool Hardened { get; init; } = true;

    /// <summary>A non-root backup keeps <c>CAP_DAC_READ_SEARCH</c> to read every file it backs up.</summary>
    public bool ReadAll { get; init; }

    /// <summary>Binds a wholly known plan or state value.</summary>
    public static ResticJob From(TfValue v)
    {
        var check = v["check"];
        return new ResticJob
        {
            Name = v.GetString("name").Get(),
            Remote = v.GetString("remote").OrNull(),
            Description = v.GetString("description").OrNull(),
            Repository = v.GetString("repository").Get(),
            PasswordFile = v.GetString("password_file").OrNull(),
            PasswordVersion = Version(v, "password_wo_version"),
            EnvironmentVersion = Version(v, "environment_wo_version"),
            EnvironmentFile = v.GetString("environment_file").OrNull(),
            Paths = v.GetStrings("paths").ValueOr([]),
            Exclude = v.GetStrings("exclude").ValueOr([]),
            ExcludeIfPresent = v.GetStrings("exclude_if_present").ValueOr([]),
            ExcludeCaches = v.GetBool("exclude_caches").ValueOr(false),
            OneFileSystem = v.GetBool("one_file_system").ValueOr(false),
            Tags = v.GetStrings("tags").ValueOr([]),
            Host = v.GetString("host").OrNull(),
            Schedule = v.GetString("schedule").ValueOr("daily"),
            RandomizedDelay = v.GetString("randomized_delay").ValueOr("0"),
            Persistent = v.GetBool("persistent").ValueOr(true),
            MaxAge = v.GetString("max_age").OrNull(),
            Retention = ResticRetention.From(v["retention"]),
            CheckSchedule = check.IsKnown ? check.GetString("schedule").ValueOr("weekly") : "weekly",
            CheckReadDataSubset = check.IsKnown ? check.GetString("read_data_subset").OrNull() : null,
            Initialize = v.GetBool("initialize").ValueOr(true),
            Options = v.GetStringMap("options").ValueOr(new Dictionary<string, string>()),
            Before = v.GetString("before").OrNull(),
            After = v.GetString("after").OrNull(),
            User = v.GetString("user").OrNull(),
            // A manifest written before hardening existed holds no value: render it hardened (the next apply rewrites the units).
            Hardened = v.GetString("hardening").ValueOr(Hardening.Strict) != Hardening.Off,
            ReadAll = v.GetBool("read_all").ValueOr(false),
        };
    }

    /// <summary>A <c>*_version</c> attribute (validated to be an integer).</summary>
    private static long? Version(TfValue v, string name) =>
        v.GetNumber(name) is { IsKnown: true } n && n.Value.TryGetInt64(out var i) ? i : null;
}
