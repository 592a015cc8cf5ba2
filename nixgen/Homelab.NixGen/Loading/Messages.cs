using System.Globalization;

namespace Homelab.NixGen.Loading;

/// <summary>Every user-facing loading message lives here, so their wording stays consistent.</summary>
internal static class Messages
{
    public static string Syntax(string detail) =>
        $"the file is not valid YAML ({detail}); fix the syntax at this position.";

    public static string NotAMapping(string path) =>
        $"{Describe(path)} must be a mapping of keys to values (key: value); write it as a block of 'key: value' lines.";

    public static string NotASequence(string path) =>
        $"{path} must be a list; write each entry on its own line starting with '- '.";

    public static string NotAScalar(string path) =>
        $"{path} must be a single value, not a list or mapping; write it as '{Leaf(path)}: value'.";

    public static string Missing(string path) =>
        $"{path} is required; add '{Leaf(path)}: ...' here (see `nixgen schema`).";

    public static string Unknown(string path, string key, IEnumerable<string> allowed) =>
        $"unknown key '{key}' in {Describe(path)}; use one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.";

    public static string Duplicate(string path) =>
        $"{path} is given twice; keep only one.";

    public static string Empty(string path) =>
        $"{path} must not be empty; give at least one entry.";

    public static string Pattern(string path, string value, string rule) =>
        $"{path} '{value}' is invalid: {rule}.";

    public static string NotBool(string path, string value) =>
        $"{path} '{value}' is not a boolean; write true or false.";

    public static string NotInt(string path, string value, int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{path} '{value}' must be a whole number from {min} to {max}.");

    public static string ExampleHostId(string path, string value) =>
        $"{path} '{value}' is the example id copied from the NixOS manual; generate your own with `head -c4 /dev/urandom | od -A none -t x4 | tr -d ' '` or remove {Leaf(path)} to derive one from the hostname.";

    public static string DatasetReserved(string path, string name) =>
        $"{path} '{name}' is part of the fixed layout nixgen always creates; remove it or pick another name.";

    public static string DatasetInsideIncus(string path, string name, string incus) =>
        $"{path} '{name}' is inside '{incus}', which Incus owns; put it elsewhere (e.g. under 'persistent/').";

    public static string DatasetParentMissing(string path, string name, string parent) =>
        $"{path} '{name}' needs its parent '{parent}'; declare '{parent}' too or use an existing parent such as 'persistent'.";

    public static string IncusDatasetConflict(string path, string name) =>
        $"{path} '{name}' overlaps the fixed layout (local, persistent, home, reserved), where sanoid or NixOS would touch Incus' data; use a top-level dataset such as 'incus'.";

    public static string DuplicateValue(string path, string value) =>
        $"{path} '{value}' appears more than once; list each value once.";

    public static string SamePool(string path, string value) =>
        $"{path} '{value}' is also the system pool's name; give the replica pool its own name (e.g. 'backup').";

    public static string SameDevice(string path, string value) =>
        $"{path} '{value}' is also the system disk; the replica pool needs a separate disk.";

    public static string StateDirOnDisposableRoot(string path, string value) =>
        $"{path} '{value}' must be an absolute path outside /nix, /boot and /home (it gets its own persistent dataset); use e.g. /var/lib/homelab.";

    public static string PullDatasetPool(string path, string value, IEnumerable<string> pools) =>
        $"{path} '{value}' is not a dataset of this host's pools; write the full name, e.g. '{pools.First()}/persistent' (pools: {string.Join(", ", pools)}).";

    public static string PullUserIsAdmin(string path, string value) =>
        $"{path} '{value}' is also an admin; pull keys get a system user of their own (e.g. 'syncoid-pull').";

    private static string Describe(string path) => path.Length == 0 ? "the host file" : path;

    private static string Leaf(string path)
    {
        var dot = path.LastIndexOf('.');
        var leaf = dot < 0 ? path : path[(dot + 1)..];
        var bracket = leaf.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? leaf : leaf[..bracket];
    }
}
