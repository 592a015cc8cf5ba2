namespace Homelab.Provider.Syncoid;

/// <summary>One replication job: what becomes the syncoid command line and its timer.</summary>
internal sealed record SyncoidJob
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public bool Recursive { get; init; }

    public bool SkipParent { get; init; }

    public bool SyncSnapshot { get; init; } = true;

    public bool KeepSyncSnapshot { get; init; }

    public string? Identifier { get; init; }

    public bool CreateBookmark { get; init; }

    public bool UseHold { get; init; }

    public IReadOnlyList<string> ExcludeDatasets { get; init; } = [];

    public string? SendOptions { get; init; }

    public string? RecvOptions { get; init; }

    public string? Compress { get; init; }

    public string? SourceBwlimit { get; init; }

    public string? TargetBwlimit { get; init; }

    public bool NoRollback { get; init; }

    public bool NoCloneRollback { get; init; }

    public bool ForceDelete { get; init; }

    public bool DeleteTargetSnapshots { get; init; }

    public string? SshKey { get; init; }

    public long? SshPort { get; init; }

    public string? SshCipher { get; init; }

    public IReadOnlyList<string> SshOptions { get; init; } = [];

    public bool PrivilegeElevation { get; init; } = true;

    /// <summary>The user the service runs as (<c>User=</c>); null: root.</summary>
    public string? User { get; init; }

    /// <summary>False: <c>hardening = "off"</c> (no sandbox).</summary>
    public bool Hardened { get; init; } = true;

    public string Schedule { get; init; } = SyncoidUnitFiles.DefaultSchedule;

    public string RandomizedDelay { get; init; } = "0";

    public bool Persistent { get; init; } = true;

    /// <summary>The <c>max_age</c> text as written (<see cref="Units.MaxAge"/>); null: no age bound.</summary>
    public string? MaxAge { get; init; }

    public string UnitName => Units.UnitNames.For("syncoid", Name);
}
