using Homelab.Testing;

namespace Homelab.NixGen.Tests.TestKit;

/// <summary>
/// A real two-way mirror pool of two file vdevs (zfs-fuse here, OpenZFS elsewhere), created with
/// <c>mountpoint=none</c> and destroyed on dispose. Starts the zfs-fuse daemon when nothing answers.
/// </summary>
internal sealed class MirrorPool : IDisposable
{
    private static readonly Lock StartLock = new();

    public MirrorPool()
    {
        lock (StartLock)
        {
            if (ProcessRunner.Run("zpool", "list").ExitCode != 0)
            {
                ProcessRunner.Check(Path.Combine(RepoPaths.Root, "scripts", "zfs-fuse-daemon.sh"));
            }
        }

        Name = "hlm" + Guid.NewGuid().ToString("N")[..10];
        Devices = [Path.Combine(Path.GetTempPath(), Name + "-a.img"), Path.Combine(Path.GetTempPath(), Name + "-b.img")];
        foreach (var device in Devices)
        {
            ProcessRunner.Check("truncate", "-s", "128M", device);
        }

        ProcessRunner.Check("zpool", ["create", "-m", "none", Name, "mirror", .. Devices]);
    }

    public string Name { get; }

    public IReadOnlyList<string> Devices { get; }

    /// <summary>
    /// The PATH for sanoid against this pool: scripts/zfs-fuse-compat first (zfs-fuse's <c>zfs get</c>
    /// has no <c>-t</c>), then the test's PATH and the sbin directories.
    /// </summary>
    public static string SanoidPath => Path.Combine(RepoPaths.Root, "scripts", "zfs-fuse-compat") + ":" + Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin";

    public void Dispose()
    {
        ProcessRunner.Run("zpool", "destroy", "-f", Name);
        foreach (var device in Devices)
        {
            try
            {
                File.Delete(device);
            }
            catch (IOException)
            {
            }
        }
    }
}
