using System.Text;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// The provider's part of <c>&lt;state&gt;/sanoid/sanoid.conf</c>: one delimited block per policy,
/// <c># BEGIN homelab_sanoid_policy &lt;name&gt;</c> … <c># END homelab_sanoid_policy &lt;name&gt;</c>,
/// holding the policy's template section and its module sections. Text outside the blocks (hand-written
/// sections) is kept as it is. Rendering is deterministic (sorted keys and datasets, LF, one blank
/// line between blocks), so the block planned from configuration equals the block read back.
/// </summary>
internal static class SanoidConf
{
    public const string RelativePath = "sanoid/sanoid.conf";

    private const string BeginPrefix = "# BEGIN homelab_sanoid_policy ";
    private const string EndPrefix = "# END homelab_sanoid_policy ";
    private const string DescriptionPrefix = "# description: ";

    /// <summary>
    /// The policy's block. Every value and the description go through
    /// <see cref="SanoidValues.CheckValue"/> (section names through
    /// <see cref="SanoidValues.CheckDataset"/>), which plan-time validation applies to the
    /// attributes; a value that got past it is a programmer error, not a file to write.
    /// </summary>
    public static string RenderBlock(SanoidPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var value in policy.TemplateKeys.Values.Append(policy.Description).OfType<string>())
        {
            if (SanoidValues.CheckValue(value) is { } problem)
            {
                throw new ArgumentException($"sanoid.conf value refused (validate at plan): {problem}", nameof(policy));
            }
        }
        foreach (var dataset in policy.Datasets)
        {
            if (SanoidValues.CheckDataset(dataset) is { } problem)
            {
                throw new ArgumentException($"sanoid.conf section refused (validate at plan): {problem}", nameof(policy));
            }
        }
        var sb = new StringBuilder();
        sb.Append(BeginPrefix).Append(policy.Name).Append(" (managed by terraform-provider-homelab: edit the HCL, not this block)\n");
        if (policy.Description is { } description)
        {
            sb.Append(DescriptionPrefix).Append(description).Append('\n');
        }
        sb.Append('[').Append(policy.TemplateSection).Append("]\n");
        foreach (var (key, value) in policy.TemplateKeys.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(key).Append(" = ").Append(value).Append('\n');
        }
        foreach (var dataset in policy.Datasets)
        {
            sb.Append("\n[").Append(dataset).Append("]\n");
            sb.Append("use_template = ").Append(policy.TemplateName).Append('\n');
            if (policy.Recursive is { } recursive)
            {
                sb.Append("recursive = ").Append(recursive).Append('\n');
            }
            if (policy.SkipChildren is { } skip)
            {
                sb.Append("skip_children = ").Append(skip ? "yes" : "no").Append('\n');
            }
        }
        sb.Append(EndPrefix).Append(policy.Name).Append('\n');
        return sb.ToString();
    }

    /// <summary>The raw text of the policy's block (markers included), or null when the file has none.</summary>
    public static string? FindBlock(string? content, string name)
    {
        if (content is null)
        {
            return null;
        }
        var lines = SplitLines(content);
        return Locate(lines, name) is var (start, end) ? string.Concat(lines[start..(end + 1)]) : null;
    }

    /// <summary>Names of every policy block in the file.</summary>
    public static IReadOnlyList<string> BlockNames(string? content) =>
        content is null
            ? []
            : [.. SplitLines(content).Where(l => l.StartsWith(BeginPrefix, StringComparison.Ordinal)).Select(NameOf).Where(n => n.Length > 0)];

    /// <summary>
    /// Replaces the policy's block with <paramref name="block"/> (appends when absent; removes when
    /// <paramref name="block"/> is null). Returns null when no section is left (sanoid cannot load a
    /// file without sections, so the file is removed instead).
    /// </summary>
    public static string? Splice(string? content, string name, string? block)
    {
        var lines = SplitLines(content ?? "");
        var result = new List<string>();
        if (Locate(lines, name) is var (start, end))
        {
            var before = lines[..start];
            var rest = lines[(end + 1)..];
            if (block is null)
            {
                // Drop the blank separator line that was added with the block (before it, else after it).
                if (before.Length > 0 && before[^1].Trim().Length == 0)
                {
                    before = before[..^1];
                }
                else if (rest.Length > 0 && rest[0].Trim().Length == 0)
                {
                    rest = rest[1..];
                }
            }
            result.AddRange(before);
            if (block is not null)
            {
                result.Add(block);
            }
            result.AddRange(rest);
        }
        else
        {
            result.AddRange(lines);
            if (block is not null)
            {
                if (result.Count > 0 && !result[^1].EndsWith('\n'))
                {
                    result[^1] += "\n";
                }
                if (result.Count > 0 && result[^1].Trim().Length > 0)
                {
                    result.Add("\n");
                }
                result.Add(block);
            }
        }
        var text = string.Concat(result);
        return IniSection.Parse(text).Count == 0 ? null : text;
    }

    /// <summary>
    /// Parses the policy's block back into a policy; null when the block or its template section is
    /// missing (the policy is gone). Keys that are not where the provider writes them come back as
    /// template keys or are left out, so a hand edit always shows up as a difference.
    /// </summary>
    public static SanoidPolicy? ParseBlock(string name, string block)
    {
        var sections = IniSection.Parse(block);
        var templateName = "homelab_" + name;
        var template = sections.FirstOrDefault(s => s.Name == "template_" + templateName);
        if (template is null)
        {
            return null;
        }
        string? description = null;
        foreach (var line in block.Split('\n'))
        {
            if (line.StartsWith(DescriptionPrefix, StringComparison.Ordinal))
            {
                description = line[DescriptionPrefix.Length..];
                break;
            }
        }
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in template.Entries)
        {
            keys[k] = v;
        }
        var modules = sections.Where(s => !s.IsTemplate && s.Get("use_template") == templateName).ToList();
        var recursive = modules.Select(m => m.Get("recursive")).Distinct().ToList();
        var skip = modules.Select(m => m.Get("skip_children")).Distinct().ToList();
        return new SanoidPolicy
        {
            Name = name,
            Description = description,
            Datasets = [.. modules.Select(m => m.DatasetPath).Distinct().Order(StringComparer.Ordinal)],
            // Sections that disagree cannot be one policy: report a value no configuration has.
            Recursive = recursive.Count > 1 ? "(differs between sections)" : recursive.FirstOrDefault(),
            SkipChildren = skip.Count == 1 && skip[0] is { } s ? SanoidKeys.ParseToggle(s) : null,
            TemplateKeys = keys,
        };
    }

    /// <summary>Sections outside the named policy's block (other policies' and hand-written ones).</summary>
    public static IReadOnlyList<IniSection> SectionsOutside(string? content, string name) =>
        content is null ? [] : IniSection.Parse(Splice(content, name, null) ?? "");

    private static (int Start, int End)? Locate(string[] lines, string name)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith(BeginPrefix, StringComparison.Ordinal) && NameOf(l) == name);
        if (start < 0)
        {
            return null;
        }
        for (var i = start + 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(EndPrefix, StringComparison.Ordinal) && lines[i][EndPrefix.Length..].Trim() == name)
            {
                return (start, i);
            }
            if (lines[i].StartsWith(BeginPrefix, StringComparison.Ordinal))
            {
                return (start, i - 1); // END marker deleted by hand: the block ends before the next one
            }
        }
        return (start, lines.Length - 1);
    }

    private static string NameOf(string beginLine)
    {
        var rest = beginLine[BeginPrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? rest : rest[..space]).Trim();
    }

    /// <summary>Lines with their line endings kept, so the text outside blocks round-trips byte for byte.</summary>
    private static string[] SplitLines(string content)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\n')
            {
                lines.Add(content[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < content.Length)
        {
            lines.Add(content[start..]);
        }
        return [.. lines];
    }
}
