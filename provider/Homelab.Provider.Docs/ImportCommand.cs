namespace Homelab.Provider.Docs;

/// <summary>
/// The first <c>terraform import ADDRESS ID</c> (or <c>tofu import</c>) line of an import.sh, split
/// with shell quoting rules for '…' and "…" so the id can be reused in an <c>import {}</c> block.
/// </summary>
internal sealed record ImportCommand(string CommandLine, string Address, string Id)
{
    public static ImportCommand? Find(string script)
    {
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var words = SplitWords(line);
            if (words is [("terraform" or "tofu"), "import", .. var rest])
            {
                var positional = rest.Where(w => !w.StartsWith('-')).ToList();
                if (positional.Count == 2)
                {
                    return new ImportCommand(line, positional[0], positional[1]);
                }
            }
        }
        return null;
    }

    private static List<string> SplitWords(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c is '\'' or '"')
            {
                var end = line.IndexOf(c, i + 1);
                if (end < 0)
                {
                    end = line.Length;
                }
                current.Append(line, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
            }
            else
            {
                current.Append(c);
            }
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
