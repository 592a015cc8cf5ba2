// Tests share host-wide resources (zfs-fuse, sshd ports, terraform plugin caches): keep classes
// parallel but bounded; each test creates its own pool and temp dirs.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
