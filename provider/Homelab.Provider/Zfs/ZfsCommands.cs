using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>
/// The zfs write commands this provider issues, each an argv array. Every method invalidates the
/// remote's read cache and its kept create checks (<see cref="CreateChecks"/>) and throws <see cref="HostException"/> (with the host's stderr) on failure.
/// </summary>
internal sealed class ZfsCommands(Remote remote, ZfsReader reader)
{
    public static ZfsCommands For(Remote remote) => new(remote, ZfsReader.For(remote));

    public ZfsReader Reader => reader;

    /// <summary>Where datasets may be created and what may be destroyed on this remote.</summary>
    public DatasetPlacement Placement { get; } = new(remote, AttrPath.Attribute("name"));

    public Task CreateAsync(string name, string type, string? volsize, bool sparse, IEnumerable<KeyValuePair<string, string>> properties, CancellationToken ct)
    {
        var args = new List<string> { "create" };
        if (type == "volume")
        {
            if (sparse)
            {
                args.Add("-s");
            }
            args.Add("-V");
            args.Add(volsize!);
        }
        foreach (var (k, v) in properties)
        {
            args.Add("-o");
            args.Add($"{k}={v}");
        }
        args.Add(name);
        return RunAsync(args, $"Cannot create {name}", ct);
    }

    public Task SetAsync(string name, string key, string value, CancellationToken ct) =>
        RunAsync(["set", $"{key}={value}", name], $"Cannot set {key} on {name}", ct);

    /// <summary>Returns the property to its inherited/default value (or the reset value where zfs cannot inherit).</summary>
    public Task ResetAsync(string name, string key, CancellationToken ct) =>
        ZfsProperties.ResetInsteadOfInherit.TryGetValue(key, out var value)
            ? SetAsync(name, key, value, ct)
            : RunAsync(["inherit", key, name], $"Cannot reset {key} on {name}", ct);

    public Task RenameAsync(string from, string to, CancellationToken ct) =>
        RunAsync(["rename", from, to], $"Cannot rename {from} to {to}", ct);

    /// <summary><c>zfs destroy</c>; with <paramref name="recursive"/> <c>-r</c> (children and snapshots, never clones elsewhere).</summary>
    public Task DestroyAsync(string name, bool recursive, CancellationToken ct) =>
        RunAsync(recursive ? ["destroy", "-r", name] : ["destroy", name], $"Cannot destroy {name}", ct);

    private async Task RunAsync(IReadOnlyList<string> args, string summary, CancellationToken ct)
    {
        try
        {
            var result = await remote.RunToolAsync("zfs", args, ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new HostException(summary, result.Describe());
            }
        }
        finally
        {
            reader.Invalidate();
            CreateChecks.Of(remote).Invalidate();
        }
    }
}
