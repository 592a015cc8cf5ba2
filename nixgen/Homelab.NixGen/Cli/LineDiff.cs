using System.Globalization;
using System.Text;

namespace Homelab.NixGen.Cli;

/// <summary>
/// A small unified diff (LCS over lines, 3 lines of context) for <c>render --check</c>. The files are a
/// few hundred lines, so the quadratic table is cheap.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    public static string Unified(string? oldText, string newText, string oldLabel, string newLabel)
    {
        var a = Split(oldText ?? string.Empty);
        var b = Split(newText);
        var ops = Operations(a, b);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldText is null ? "/dev/null" : oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');

        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < ops.Count)
            {
                if (ops[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                var run = end;
                while (run < ops.Count && ops[run].Kind == ' ')
                {
                    run++;
                }

                if (run == ops.Count || run - end > 2 * Context)
                {
                    end = Math.Min(ops.Count, end + Context);
                    break;
                }

                end = run;
            }

            var hunk = ops.GetRange(start, end - start);
            var oldStart = hunk.Count == 0 ? 0 : hunk[0].OldLine;
            var newStart = hunk.Count == 0 ? 0 : hunk[0].NewLine;
            output.Append(CultureInfo.InvariantCulture,
                $"@@ -{oldStart + 1},{hunk.Count(o => o.Kind != '+')} +{newStart + 1},{hunk.Count(o => o.Kind != '-')} @@\n");
            foreach (var op in hunk)
            {
                output.Append(op.Kind).Append(op.Text).Append('\n');
            }

            i = end;
        }

        return output.ToString();
    }

    private static List<(char Kind, string Text, int OldLine, int NewLine)> Operations(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var x = a.Length - 1; x >= 0; x--)
        {
            for (var y = b.Length - 1; y >= 0; y--)
            {
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var ops = new List<(char, string, int, int)>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                ops.Add((' ', a[i], i, j));
                i++;
                j++;
            }
            else if (i < a.Length && (j == b.Length || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                ops.Add(('-', a[i], i, j));
                i++;
            }
            else
            {
                ops.Add(('+', b[j], i, j));
                j++;
            }
        }

        return ops;
    }

    private static string[] Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
