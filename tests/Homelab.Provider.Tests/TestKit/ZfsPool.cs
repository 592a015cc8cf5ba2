namespace Homelab.Provider.Tests.TestKit;

/// <summary>
/// A file-backed ZFS pool of its own (zfs-fuse here, OpenZFS elsewhere), created with
/// <c>mountpoint=none</c> (zfs-fuse cannot rename mounted datasets) and destroyed on dispose.
/// </summary>
internal sealed class ZfsPool : IDisposable
{
    private static readonly Lock StartLock = new();

    public ZfsPool(string size = "256M")
    {
        EnsureDaemon();
        Name = "hlt" + Guid.NewGuid().ToString("N")[..10];
        File = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Name + ".img");
        ProcessRunner.Check("truncate", "-s", size, File);
        ProcessRunner.Check("zpool", "create", "-m", "none", Name, File);
    }

    public string Name { get; }

    public string File { get; }

    /// <summary>Runs <c>zfs</c> directly (out-of-band changes, assertions).</summary>
    public static string Zfs(params string[] args) => ProcessRunner.Check("zfs", args);

    public static bool Exists(string dataset) => ProcessRunner.Run("zfs", "list", "-H", "-o", "name", dataset).ExitCode == 0;

    /// <summary>The parsed value and source of one property (<c>zfs get -Hp</c>).</summary>
    public static (string Value, string Source) Get(string dataset, string property)
    {
        var line = Zfs("get", "-Hp", "-o", "value,source", property, dataset).TrimEnd('\n');
        var parts = line.Split('\t');
        return (parts[0], parts[1]);
    }

    public void Dispose()
    {
        ProcessRunner.Run("zpool", "destroy", "-f", Name);
        try
        {
            System.IO.File.Delete(File);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Starts the zfs-fuse daemon (scripts/zfs-fuse-daemon.sh) when <c>zpool list</c> fails.</summary>
    internal static void EnsureDaemon()
    {
        lock (StartLock)
        {
            if (ProcessRunner.Run("zpool", "list").ExitCode != 0)
            {
                ProcessRunner.Check(RepositoryRoot.Combine("scripts", "zfs-fuse-daemon.sh"));
            }
        }
    }
}
