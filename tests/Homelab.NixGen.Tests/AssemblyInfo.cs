// The tests drive bash, curl, sanoid and nix-instantiate: they run on Linux only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
