namespace Homelab.Provider.Units;

/// <summary>
/// One file under <c>&lt;state&gt;/units</c>: <see cref="Name"/> is relative to that directory
/// (<c>homelab-syncoid-x.service</c>, <c>homelab-syncoid-x.timer</c> or a drop-in such as
/// <c>zfs-scrub.service.d/homelab-alert.conf</c>); <see cref="Content"/> is the full unit text.
/// </summary>
internal sealed record UnitFile(string Name, string Content);
