using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// One alert target as the resource stores it (no secrets: the token and password are write-only
/// and only ever reach the host's 0600 files, or are files on the host the provider only names).
/// Bound from and to <see cref="TfValue"/> by hand (Native AOT: no reflection).
/// </summary>
internal sealed record NtfyAlert
{
    public const string DefaultPriority = "high";
    public const string DefaultTitle = "{host}: {unit} failed";
    public const long DefaultMaxBodyBytes = 3500;
    public static readonly IReadOnlyList<string> DefaultTags = ["warning"];

    public required string Name { get; init; }

    public string? Remote { get; init; }

    public required string Url { get; init; }

    public required string Topic { get; init; }

    public string Priority { get; init; } = DefaultPriority;

    public IReadOnlyList<string> Tags { get; init; } = DefaultTags;

    public string? Click { get; init; }

    public string Title { get; init; } = DefaultTitle;

    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Units watched besides the provider's own (null: none).</summary>
    public IReadOnlyList<string>? Units { get; init; }

    /// <summary>Watch every unit the provider generates (<c>homelab-*</c>).</summary>
    public bool WatchProviderUnits { get; init; } = true;

    public bool SendTest { get; init; } = true;

    public long? TokenVersion { get; init; }

    /// <summary>The user's own token file on the host (<c>token_file</c>), never read, written or removed by the provider.</summary>
    public string? TokenFile { get; init; }

    public string? Username { get; init; }

    public long? PasswordVersion { get; init; }

    /// <summary>The user's own password file on the host (<c>password_file</c>), never read, written or removed by the provider.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>The user's secret file the test message and the alerts authenticate with, if any.</summary>
    public string? SecretFile => TokenFile ?? (Username is not null ? PasswordFile : null);

    /// <summary>Terraform's id: the import id, <c>[&lt;remote&gt;:]&lt;name&gt;</c>.</summary>
    public string Id => Remote is null ? Name : $"{Remote}:{Name}";

    /// <summary>Reads a planned or prior value whose attributes are all known (apply, read).</summary>
    public static NtfyAlert From(TfValue v) => new()
    {
        Name = v.GetString("name").Get(),
        Remote = v.GetString("remote").OrNull(),
        Url = v.GetString("url").Get(),
        Topic = v.GetString("topic").Get(),
        Priority = v.GetString("priority").ValueOr(DefaultPriority),
        Tags = v.GetStrings("tags").ValueOr(DefaultTags),
        Click = v.GetString("click").OrNull(),
        Title = v.GetString("title").ValueOr(DefaultTitle),
        MaxBodyBytes = v.GetInt64("max_body_bytes").ValueOr(DefaultMaxBodyBytes),
        Units = v.GetStrings("units").OrNull(),
        WatchProviderUnits = v.GetBool("watch_provider_units").ValueOr(true),
        SendTest = v.GetBool("send_test").ValueOr(true),
        TokenVersion = v.GetInt64("token_wo_version") is { IsKnown: true } t ? t.Value : null,
        TokenFile = v.GetString("token_file").OrNull(),
        Username = v.GetString("username").OrNull(),
        PasswordVersion = v.GetInt64("password_wo_version") is { IsKnown: true } p ? p.Value : null,
        PasswordFile = v.GetString("password_file").OrNull(),
    };

    /// <summary>The state object; write-only attributes are always null in state.</summary>
    public TfValue ToState(TfType type) => TfValue.Object(type,
    [
        KeyValuePair.Create("id", TfValue.String(Id)),
        KeyValuePair.Create("name", TfValue.String(Name)),
        KeyValuePair.Create("remote", TfValueAccessors.StringOrNull(Remote)),
        KeyValuePair.Create("url", TfValue.String(Url)),
        KeyValuePair.Create("topic", TfValue.String(Topic)),
        KeyValuePair.Create("priority", TfValue.String(Priority)),
        KeyValuePair.Create("tags", TfValueAccessors.StringList(Tags)),
        KeyValuePair.Create("click", TfValueAccessors.StringOrNull(Click)),
        KeyValuePair.Create("title", TfValue.String(Title)),
        KeyValuePair.Create("max_body_bytes", TfValue.Number(MaxBodyBytes)),
        KeyValuePair.Create("units", Units is null ? TfValue.Null(TfType.Set(TfType.String)) : TfValueAccessors.StringSet(Units)),
        KeyValuePair.Create("watch_provider_units", TfValue.Bool(WatchProviderUnits)),
        KeyValuePair.Create("send_test", TfValue.Bool(SendTest)),
        KeyValuePair.Create("token_wo", TfValue.Null(TfType.String)),
        KeyValuePair.Create("token_wo_version", TokenVersion is { } tv ? TfValue.Number(tv) : TfValue.Null(TfType.Number)),
        KeyValuePair.Create("token_file", TfValueAccessors.StringOrNull(TokenFile)),
        KeyValuePair.Create("username", TfValueAccessors.StringOrNull(Username)),
        KeyValuePair.Create("password_wo", TfValue.Null(TfType.String)),
        KeyValuePair.Create("password_wo_version", PasswordVersion is { } pv ? TfValue.Number(pv) : TfValue.Null(TfType.Number)),
        KeyValuePair.Create("password_file", TfValueAccessors.StringOrNull(PasswordFile)),
    ]);

    /// <summary>True when a message would go somewhere else (or with other credentials) than before.</summary>
    public bool SameTargetAs(NtfyAlert other) =>
        Url == other.Url && Topic == other.Topic && TokenVersion == other.TokenVersion && TokenFile == other.TokenFile
        && Username == other.Username && PasswordVersion == other.PasswordVersion && PasswordFile == other.PasswordFile;
}
