namespace Homelab.Provider.Zfs;

/// <summary>How <see cref="ZfsReader"/> answers reads (environment <c>HOMELAB_ZFS_READ_BATCH</c>).</summary>
internal enum ZfsReadMode
{
    /// <summary>
    /// <c>pool</c> (default): reads arriving together are coalesced, and the first read of a pool
    /// fetches the whole pool (<c>zfs get -Hp -r … all &lt;pool&gt;</c>); later reads of that pool
    /// are served from memory until a write on the remote. A refresh costs one zfs call per pool.
    /// </summary>
    Pool,

    /// <summary><c>names</c>: reads arriving within the window share one <c>zfs get … all name1 name2 …</c>.</summary>
    Names,

    /// <summary><c>off</c>: one <c>zfs get</c> per read (the baseline the benchmark compares against).</summary>
    Off,
}
