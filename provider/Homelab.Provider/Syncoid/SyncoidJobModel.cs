using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Syncoid;

/// <summary>Explicit mapping between resource values and <see cref="SyncoidJob"/> (AOT-safe).</summary>
internal static class SyncoidJobModel
{
    /// <summary>The job of a wholly known object; null while anything is unknown.</summary>
    public static SyncoidJob? From(TfValue v)
    {
        // Computed outputs are unknown while planning; only the inputs matter.
        foreach (var computed in new[] { "unit_name", "service_content", "timer_content" })
        {
            v = v.With(computed, TfValue.Null(TfType.String));
        }
        if (!v.IsWhollyKnown)
        {
            return null;
        }
        bool B(string n, bool d) => v.GetBool(n).ValueOr(d);
        string? S(string n) => v.GetString(n).Value;
        return new SyncoidJob
        {
            Name = S("name")!,
            Description = S("description"),
            Source = S("source")!,
            Target = S("target")!,
            Recursive = B("recursive", false),
            SkipParent = B("skip_parent", false),
            SyncSnapshot = B("sync_snapshot", true),
            KeepSyncSnapshot = B("keep_sync_snapshot", false),
            Identifier = S("identifier"),
            CreateBookmark = B("create_bookmark", false),
            UseHold = B("use_hold", false),
            ExcludeDatasets = v.GetStrings("exclude_datasets").Value ?? [],
            SendOptions = S("send_options"),
            RecvOptions = S("recv_options"),
            Compress = S("compress"),
            SourceBwlimit = S("source_bwlimit"),
            TargetBwlimit = S("target_bwlimit"),
            NoRollback = B("no_rollback", false),
            NoCloneRollback = B("no_clone_rollback", false),
            ForceDelete = B("force_delete", false),
            DeleteTargetSnapshots = B("delete_target_snapshots", false),
            SshKey = S("ssh_key"),
            SshPort = v.GetInt64("ssh_port").IsKnown ? v.GetInt64("ssh_port").Value : null,
            SshCipher = S("ssh_cipher"),
            SshOptions = v.GetStrings("ssh_options").Value ?? [],
            PrivilegeElevation = B("privilege_elevation", true),
            User = S("user"),
            Hardened = S("hardening") != Units.Hardening.Off,
            Schedule = S("schedule") ?? SyncoidUnitFiles.DefaultSchedule,
            RandomizedDelay = S("randomized_delay") ?? "0",
            Persistent = B("persistent", true),
            MaxAge = S("max_age"),
        };
    }

    /// <summary>The resource object; <paramref name="prior"/> keeps an empty list the user wrote from turning into null.</summary>
    public static TfValue ToValue(SyncoidJob job, string? remote, string service, string timer, TfValue? prior)
    {
        TfValue List(IReadOnlyList<string> items, string attr) =>
            items.Count > 0 || prior is { IsKnown: true } && prior[attr] is { IsKnown: true, IsNull: false }
                ? TfValueAccessors.StringList(items)
                : TfValue.Null(TfType.List(TfType.String));
        var attrs = new Dictionary<string, TfValue>(StringComparer.Ordinal)
        {
            ["name"] = TfValue.String(job.Name),
            ["remote"] = TfValueAccessors.StringOrNull(remote),
            ["description"] = TfValueAccessors.StringOrNull(job.Description),
            ["source"] = TfValue.String(job.Source),
            ["target"] = TfValue.String(job.Target),
            ["recursive"] = TfValue.Bool(job.Recursive),
            ["skip_parent"] = TfValue.Bool(job.SkipParent),
            ["sync_snapshot"] = TfValue.Bool(job.SyncSnapshot),
            ["keep_sync_snapshot"] = TfValue.Bool(job.KeepSyncSnapshot),
            ["identifier"] = TfValueAccessors.StringOrNull(job.Identifier),
            ["create_bookmark"] = TfValue.Bool(job.CreateBookmark),
            ["use_hold"] = TfValue.Bool(job.UseHold),
            ["exclude_datasets"] = List(job.ExcludeDatasets, "exclude_datasets"),
            ["send_options"] = TfValueAccessors.StringOrNull(job.SendOptions),
            ["recv_options"] = TfValueAccessors.StringOrNull(job.RecvOptions),
            ["compress"] = TfValueAccessors.StringOrNull(job.Compress),
            ["source_bwlimit"] = TfValueAccessors.StringOrNull(job.SourceBwlimit),
            ["target_bwlimit"] = TfValueAccessors.StringOrNull(job.TargetBwlimit),
            ["no_rollback"] = TfValue.Bool(job.NoRollback),
            ["no_clone_rollback"] = TfValue.Bool(job.NoCloneRollback),
            ["force_delete"] = TfValue.Bool(job.ForceDelete),
            ["delete_target_snapshots"] = TfValue.Bool(job.DeleteTargetSnapshots),
            ["ssh_key"] = TfValueAccessors.StringOrNull(job.SshKey),
            ["ssh_port"] = job.SshPort is { } port ? TfValue.Number(port) : TfValue.Null(TfType.Number),
            ["ssh_cipher"] = TfValueAccessors.StringOrNull(job.SshCipher),
            ["ssh_options"] = List(job.SshOptions, "ssh_options"),
            ["privilege_elevation"] = TfValue.Bool(job.PrivilegeElevation),
            ["user"] = TfValueAccessors.StringOrNull(job.User),
            ["hardening"] = TfValue.String(job.Hardened ? Units.Hardening.Strict : Units.Hardening.Off),
            ["schedule"] = TfValue.String(job.Schedule),
            ["randomized_delay"] = TfValue.String(job.RandomizedDelay),
            ["persistent"] = TfValue.Bool(job.Persistent),
            // The text the user wrote stays while it means the span the host holds.
            ["max_age"] = TfValueAccessors.StringOrNull(Units.MaxAge.ForState(
                prior is { IsKnown: true } && prior["max_age"] is { IsKnown: true, IsNull: false } p ? p.AsString() : null,
                job.MaxAge)),
            ["unit_name"] = TfValue.String(job.UnitName + ".service"),
            ["service_content"] = TfValue.String(service),
            ["timer_content"] = TfValue.String(timer),
        };
        return TfValue.Object(SyncoidJobSchema.Schema.ImpliedType, attrs);
    }
}
