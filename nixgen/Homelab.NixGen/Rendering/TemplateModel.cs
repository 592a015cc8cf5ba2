using Homelab.NixGen.Model;
using Scriban.Runtime;

namespace Homelab.NixGen.Rendering;

/// <summary>
/// Flattens a <see cref="Host"/> into the variables the templates see (snake_case, lists already sorted)
/// plus the helper functions <c>nix_attr</c>, <c>nix_list</c> and <c>comment</c>. Templates do no
/// computation beyond loops and conditions.
/// </summary>
internal static class TemplateModel
{
    public static ScriptObject Build(Host host)
    {
        var model = new ScriptObject();
        ImportHelpers(model);

        model["hostname"] = host.Hostname;
        model["host_id"] = host.HostId.Value;
        model["host_id_derived"] = host.HostId.Derived;
        model["time_zone"] = host.TimeZone;
        model["state_version"] = host.StateVersion;
        model["nixpkgs_branch"] = host.Nixpkgs.Branch;
        model["nixpkgs_url"] = $"github:NixOS/nixpkgs/{host.Nixpkgs.Branch}";
        model["system"] = host.Nixpkgs.System;

        model["admins"] = Array(host.Admins.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => Object(
            ("name", a.Name),
            ("keys", Array(a.SshKeys)))));
        model["root_keys"] = Array(host.Admins.OrderBy(a => a.Name, StringComparer.Ordinal).SelectMany(a => a.SshKeys).Distinct(StringComparer.Ordinal));
        model["admin_groups"] = Array<string>(host.Incus is null ? ["wheel"] : ["incus-admin", "wheel"]);

        model["scrub_interval"] = host.Zfs.ScrubInterval;
        model["dev_nodes"] = host.Zfs.DevNodes;
        var pools = new List<string> { host.SystemPool.Name };
        if (host.ReplicaPool is not null)
        {
            pools.Add(host.ReplicaPool.Name);
        }

        model["scrub_pools"] = Array(pools);
        model["system_pool"] = SystemPool(host.SystemPool);
        model["replica"] = host.ReplicaPool is null ? null : Object(
            ("name", host.ReplicaPool.Name),
            ("device", host.ReplicaPool.Device),
            ("ashift", host.ReplicaPool.Ashift.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("dataset", host.ReplicaPool.ReceiveDataset),
            ("receive_root", $"{host.ReplicaPool.Name}/{host.ReplicaPool.ReceiveDataset}"));

        var trusted = new List<string>();
        if (host.Incus is not null)
        {
            trusted.Add(host.Incus.BridgeName);
        }

        if (host.Tailscale is not null)
        {
            trusted.Add("tailscale0");
        }

        model["trusted_interfaces"] = Array(trusted);
        model["incus"] = host.Incus is null ? null : Incus(host.Incus);
        model["tailscale"] = host.Tailscale is null ? null : Object(
            ("auth_key_file", host.Tailscale.AuthKeyFile),
            ("open_firewall", host.Tailscale.OpenFirewall));

        model["state_dir"] = host.Runtime.StateDir;
        model["sanoid_calendar"] = host.Runtime.SanoidOnCalendar;
        model["monitor_calendar"] = host.Runtime.Monitor.Interval;
        model["monitor_fail_on"] = host.Runtime.Monitor.FailOn;
        model["incus_owned"] = Array(host.Runtime.IncusOwnedDatasets);
        // Pull replication: one system user per name, one restricted key line per key, one
        // `zfs allow` per user and dataset.
        model["pull_users"] = Array(host.PullKeys.GroupBy(k => k.User).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Object(
            ("name", g.Key),
            ("keys", Array(g.Select(k => Object(("key", k.Key), ("datasets", string.Join(' ', k.Datasets)))))),
            ("datasets", Array(g.SelectMany(k => k.Datasets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))))));
        return model;
    }

    private static ScriptObject SystemPool(SystemPool pool) => Object(
        ("name", pool.Name),
        ("device", pool.Device),
        ("esp_size", pool.EspSize),
        ("ashift", pool.Ashift.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("datasets", Array(pool.Datasets.Select(d => Object(
            ("name", d.Name),
            ("full_name", $"{pool.Name}/{d.Name}"),
            ("mountpoint", d.Mountpoint),
            ("comment", d.Comment),
            ("blank_snapshot", d.BlankSnapshot),
            ("properties", Array(d.Properties.Select(p => Object(("key", p.Key), ("value", p.Value))))))))));

    private static ScriptObject Incus(IncusSettings incus)
    {
        var bridgeConfig = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ipv4.address"] = incus.BridgeIpv4,
            ["ipv4.nat"] = incus.BridgeNat ? "true" : "false",
            ["ipv6.address"] = "none",
        };
        return Object(
            ("dataset", incus.Dataset),
            ("storage_pool", incus.StoragePool),
            ("bridge", incus.BridgeName),
            ("bridge_config", Array(bridgeConfig.Select(kv => Object(("key", kv.Key), ("value", kv.Value))))),
            ("https_address", incus.HttpsAddress),
            ("ui", incus.Ui));
    }

    private static void ImportHelpers(ScriptObject model)
    {
        model.Import("nix_attr", new Func<string, NixCode>(name => new NixCode(Nix.AttrName(name))));
        model.Import("nix_list", new Func<ScriptArray, NixCode>(items => new NixCode(Nix.List(items.Cast<string>()))));
        // Comment text is validated single-line input; newlines are replaced anyway so a comment can never end early.
        model.Import("comment", new Func<string, NixCode>(text => new NixCode(text.ReplaceLineEndings(" "))));
    }

    private static ScriptObject Object(params (string Key, object? Value)[] members)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in members)
        {
            result[key] = value;
        }

        return result;
    }

    private static ScriptArray Array<T>(IEnumerable<T> items) => [.. items.Cast<object>()];
}
