namespace Homelab.Provider.Zfs;

/// <summary>One who's line in a section of <c>zfs allow &lt;dataset&gt;</c>: its permissions (and <c>@set</c> names) in one scope.</summary>
internal sealed record DelegationLine(DelegationWho Who, DelegationScope Scope, IReadOnlyList<string> Permissions);

/// <summary>The delegations <c>zfs allow</c> prints for one dataset (its own section, or an ancestor's).</summary>
internal sealed record DatasetDelegations(
    string Dataset,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PermissionSets,
    IReadOnlyList<string> CreateTime,
    IReadOnlyList<DelegationLine> Lines)
{
    /// <summary>What <paramref name="who"/> holds here, by scope (permission-set names included as <c>@name</c>).</summary>
    public DelegationGrants GrantsOf(DelegationWho who)
    {
        var local = new HashSet<string>(StringComparer.Ordinal);
        var descendants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines.Where(l => l.Who == who))
        {
            if (line.Scope.Local)
            {
                local.UnionWith(line.Permissions);
            }
            if (line.Scope.Descendants)
            {
                descendants.UnionWith(line.Permissions);
            }
        }
        return new(local, descendants);
    }
}

/// <summary>
/// The text OpenZFS' <c>zfs</c> prints about delegation (C locale), parsed:
/// <list type="bullet">
/// <item><c>zfs allow &lt;dataset&gt;</c>: per dataset (the one asked for and each ancestor with
/// delegations) a header <c>---- Permissions on &lt;dataset&gt; </c> padded with <c>-</c> to 70
/// columns, then optional sections <c>Permission sets:</c> (lines <c>\t@name perm,…</c>),
/// <c>Create time permissions:</c> (<c>\tperm,…</c>), <c>Local permissions:</c>,
/// <c>Descendent permissions:</c> and <c>Local+Descendent permissions:</c> (lines
/// <c>\tuser NAME perm,…</c>, <c>\tgroup NAME perm,…</c>, <c>\teveryone perm,…</c>). Permission
/// lists are comma-separated and may name sets (<c>@name</c>).</item>
/// <item><c>zfs allow -h</c>: the usage text with the table of permissions the host's zfs knows,
/// a header <c>NAME TYPE NOTES</c> followed by one line per permission whose second column is
/// <c>subcommand</c>, <c>other</c> or <c>property</c>.</item>
/// </list>
/// Anything else in the delegation listing is a <see cref="FormatException"/>: an unexpected
/// line is never guessed at, since a misread listing could unallow the wrong thing.
/// </summary>
internal static class DelegationAllowOutput
{
    private const string Header = "---- Permissions on ";

    private static readonly HashSet<string> PermissionTypes = new(["subcommand", "other", "property"], StringComparer.Ordinal);

    /// <summary>The sections of a <c>zfs allow &lt;dataset&gt;</c> listing, in output order.</summary>
    public static IReadOnlyList<DatasetDelegations> Parse(string text)
    {
        var result = new List<DatasetDelegations>();
        string? dataset = null;
        Dictionary<string, IReadOnlyList<string>> sets = new(StringComparer.Ordinal);
        List<string> create = [];
        List<DelegationLine> lines = [];
        string? section = null;
        var number = 0;

        void Flush()
        {
            if (dataset is not null)
            {
                result.Add(new DatasetDelegations(dataset, sets, create, lines));
            }
        }

        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith(Header, StringComparison.Ordinal))
            {
                Flush();
                var rest = line[Header.Length..].TrimEnd('-');
                if (!rest.EndsWith(' ') || rest.Length < 2)
                {
                    throw Bad(number, line, "a dataset header without the dataset name");
                }
                dataset = rest[..^1];
                sets = new(StringComparer.Ordinal);
                create = [];
                lines = [];
                section = null;
                continue;
            }
            if (dataset is null)
            {
                throw Bad(number, line, "text before the first `---- Permissions on` header");
            }
            if (line[0] != '\t')
            {
                section = line switch
                {
                    "Permission sets:" or "Create time permissions:" or "Local permissions:" or "Descendent permissions:" or "Local+Descendent permissions:" => line,
                    _ => throw Bad(number, line, "an unknown section title"),
                };
                continue;
            }
            var entry = line[1..];
            switch (section)
            {
                case "Permission sets:":
                    var space = entry.IndexOf(' ', StringComparison.Ordinal);
                    if (!entry.StartsWith('@') || space < 2)
                    {
                        throw Bad(number, line, "a permission set line that is not `@name perm,…`");
                    }
                    sets[entry[..space]] = List(entry[(space + 1)..], number, line);
                    break;
                case "Create time permissions:":
                    create.AddRange(List(entry, number, line));
                    break;
                case null:
                    throw Bad(number, line, "an entry outside any section");
                default:
                    var scope = section switch
                    {
                        "Local permissions:" => new DelegationScope(true, false),
                        "Descendent permissions:" => new DelegationScope(false, true),
                        _ => DelegationScope.Both,
                    };
                    lines.Add(ParseWho(entry, scope, number, line));
                    break;
            }
        }
        Flush();
        return result;
    }

    /// <summary>
    /// The permission names in the table of <c>zfs allow</c>'s usage text, or null when the text
    /// has no such table (a zfs without delegation, e.g. zfs-fuse, prints an error instead).
    /// </summary>
    public static IReadOnlySet<string>? ParsePermissionTable(string usage)
    {
        var lines = usage.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => Words(l) is ["NAME", "TYPE", "NOTES", ..]);
        if (start < 0)
        {
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1))
        {
            if (Words(line) is [var name, var type, ..] && PermissionTypes.Contains(type))
            {
                names.Add(name);
            }
            else if (line.Trim().Length > 0)
            {
                break;
            }
        }
        return names.Count == 0 ? null : names;
    }

    private static string[] Words(string line) => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static DelegationLine ParseWho(string entry, DelegationScope scope, int number, string line)
    {
        var words = entry.Split(' ');
        return words switch
        {
            ["user", var name, var perms] when name.Length > 0 => new(new DelegationWho(DelegationWhoKind.User, name), scope, List(perms, number, line)),
            ["group", var name, var perms] when name.Length > 0 => new(new DelegationWho(DelegationWhoKind.Group, name), scope, List(perms, number, line)),
            ["everyone", var perms] => new(DelegationWho.Everyone, scope, List(perms, number, line)),
            _ => throw Bad(number, line, "a line that is not `user NAME perm,…`, `group NAME perm,…` or `everyone perm,…`"),
        };
    }

    private static List<string> List(string text, int number, string line)
    {
        var items = text.Split(',');
        return items.Any(i => i.Length == 0 || i.Any(char.IsWhiteSpace))
            ? throw Bad(number, line, "an empty or malformed permission list")
            : [.. items];
    }

    private static FormatException Bad(int number, string line, string what) =>
        new($"line {number} of `zfs allow` output is {what}: \"{Framework.Schema.Validators.Printable(line)}\"");
}
