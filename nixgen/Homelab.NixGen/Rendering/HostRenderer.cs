using Homelab.NixGen.Model;
using Scriban;
using Scriban.Runtime;

namespace Homelab.NixGen.Rendering;

/// <summary>
/// Renders a host into its output files: the Nix files from the embedded <c>*.nix.sbn</c> templates
/// (named after their output) and the runtime scripts, copied verbatim under <c>scripts/</c>.
/// Output is deterministic: LF line endings, no trailing spaces, exactly one trailing newline.
/// </summary>
internal static class HostRenderer
{
    private const string TemplatePrefix = "Templates/";
    private const string ScriptPrefix = "Scripts/";

    public static IReadOnlyList<OutputFile> Render(Host host)
    {
        var model = TemplateModel.Build(host);
        var files = new List<OutputFile>();
        foreach (var resource in EmbeddedText.Names(TemplatePrefix))
        {
            var output = resource[TemplatePrefix.Length..^".sbn".Length];
            files.Add(new OutputFile(output, RenderTemplate(resource, EmbeddedText.Read(resource), model)));
        }

        foreach (var resource in EmbeddedText.Names(ScriptPrefix))
        {
            files.Add(new OutputFile($"scripts/{resource[ScriptPrefix.Length..]}", Normalize(EmbeddedText.Read(resource))));
        }

        return [.. files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>Renders one template with the strict Nix context; template errors are nixgen bugs and throw.</summary>
    public static string RenderTemplate(string name, string text, ScriptObject model)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"nixgen bug: template {name} does not parse: {string.Join("; ", template.Messages)}");
        }

        var context = new NixTemplateContext();
        context.PushGlobal(model);
        return Normalize(template.Render(context));
    }

    private static string Normalize(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd(' ', '\t'));
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }
}
