using Homelab.Testing;

namespace Homelab.NixGen.Tests.TestKit;

/// <summary>The real nix-instantiate, isolated in a scratch dir.</summary>
internal static class NixInstantiate
{
    /// <summary>
    /// nix-instantiate --parse FILE. NIX_STATE_DIR/HOME point at a temp dir so it works without a
    /// writable /nix/var (non-root CI) and leaves nothing behind.
    /// </summary>
    public static ProcessResult Parse(string file, TempDir scratch) =>
        ProcessRunner.Run("nix-instantiate", ["--parse", file], null, Environment(scratch), TimeSpan.FromMinutes(1));

    public static Dictionary<string, string?> Environment(TempDir scratch) => new()
    {
        ["HOME"] = scratch.Combine("home"),
        ["NIX_STATE_DIR"] = scratch.Combine("nix-state"),
        ["NIX_LOG_DIR"] = scratch.Combine("nix-log"),
        ["NIX_CONF_DIR"] = scratch.Combine("nix-conf"),
        ["XDG_CACHE_HOME"] = scratch.Combine("cache"),
    };
}
