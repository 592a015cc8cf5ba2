using System.Collections.Concurrent;

namespace Homelab.Provider.Host;

/// <summary>
/// The provider data handed to every resource call: the configured remotes by name and the default
/// one. <see cref="Remote"/> instances (and with them SSH connections) are created on first use,
/// once per remote and process.
/// </summary>
public sealed class HostRegistry : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, RemoteSettings> _settings;
    private readonly ConcurrentDictionary<string, Lazy<Remote>> _remotes = new(StringComparer.Ordinal);
    private readonly Func<RemoteSettings, Remote> _factory;

    public HostRegistry(IEnumerable<RemoteSettings> remotes, string defaultRemote, Func<RemoteSettings, Remote>? factory = null)
    {
        _settings = remotes.ToDictionary(r => r.Name, StringComparer.Ordinal);
        DefaultRemote = defaultRemote;
        _factory = factory ?? Remote.For;
    }

    public string DefaultRemote { get; }

    /// <summary>Remotes whose configuration holds values known only after apply; using one is an error.</summary>
    public IReadOnlySet<string> Unresolved { get; init; } = new HashSet<string>();

    /// <summary>The set of remotes or the default itself is not known yet: no remote may be used.</summary>
    public bool AllUnresolved { get; init; }

    public IEnumerable<string> Names => _settings.Keys.Order(StringComparer.Ordinal);

    /// <summary>The provider data of a resource call as a registry; a programmer error when unconfigured.</summary>
    public static HostRegistry From(object? providerData) =>
        providerData as HostRegistry ?? throw new InvalidOperationException("The provider was not configured before a resource call.");

    public bool Contains(string name) => _settings.ContainsKey(name);

    /// <summary>Settings of <paramref name="name"/> (null = the default remote), without connecting.</summary>
    public RemoteSettings? SettingsOf(string? name) => _settings.GetValueOrDefault(name ?? DefaultRemote);

    /// <summary>The remote <paramref name="name"/> (null = default). Throws <see cref="HostException"/> for an unknown name.</summary>
    public Remote Get(string? name)
    {
        var key = name ?? DefaultRemote;
        if (AllUnresolved || Unresolved.Contains(key))
        {
            throw new HostException("Remote not known yet",
                $"The provider configuration of remote \"{key}\" depends on values known only after apply, so no command can run there during this plan. Apply what it depends on first (e.g. `tofu apply -target=<that resource>`), then plan again.");
        }
        if (!_settings.TryGetValue(key, out var settings))
        {
            throw new HostException("Unknown remote", UnknownRemoteDetail(key));
        }
        return _remotes.GetOrAdd(key, _ => new Lazy<Remote>(() => _factory(settings), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    public string UnknownRemoteDetail(string name) =>
        $"No remote named \"{name}\" is configured. Configured remotes: {string.Join(", ", Names)}. Add a `remote {{ name = \"{name}\" … }}` block to the provider, or use one of those.";

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _remotes.Values)
        {
            if (lazy.IsValueCreated)
            {
                await lazy.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
