namespace Homelab.Provider.Sanoid;

/// <summary>One <c>[section]</c> of sanoid.conf with its keys in file order (last value wins, as in Config::IniFiles).</summary>
internal sealed record IniSection(string Name, IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public string? Get(string key)
    {
        string? found = null;
        foreach (var (k, v) in Entries)
        {
            if (k == key)
            {
                found = v;
            }
        }
        return found;
    }

    /// <summary>The dataset a module section acts on: its <c>path</c>, else its name (sanoid's rule).</summary>
    public string DatasetPath => Get("path") is { Length: > 0 } path ? path : Name;

    public bool IsTemplate => Name.StartsWith("template_", StringComparison.Ordinal);

    /// <summary>
    /// Parses INI text the way Config::IniFiles reads sanoid.conf: <c>#</c>/<c>;</c> comment lines,
    /// <c>[name]</c> headers, <c>key = value</c> with both sides trimmed. Lines before the first
    /// header and lines without <c>=</c> are skipped.
    /// </summary>
    public static IReadOnlyList<IniSection> Parse(string text)
    {
        var sections = new List<IniSection>();
        string? name = null;
        List<KeyValuePair<string, string>>? entries = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            if (line[0] == '[' && line[^1] == ']')
            {
                if (name is not null)
                {
                    sections.Add(new IniSection(name, entries!));
                }
                name = line[1..^1].Trim();
                entries = [];
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (name is null || eq < 0)
            {
                continue;
            }
            entries!.Add(KeyValuePair.Create(line[..eq].Trim(), line[(eq + 1)..].Trim()));
        }
        if (name is not null)
        {
            sections.Add(new IniSection(name, entries!));
        }
        return sections;
    }
}
