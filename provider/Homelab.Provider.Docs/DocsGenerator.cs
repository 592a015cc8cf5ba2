using System.Text;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Docs;

/// <summary>
/// Renders the registry docs of a provider from its live schema plus examples/: docs/index.md,
/// docs/resources/&lt;name&gt;.md and docs/data-sources/&lt;name&gt;.md, docs/functions/&lt;name&gt;.md (names without the
/// provider prefix). Output depends only on its inputs: no dates, no versions, \n line ends.
/// </summary>
internal static class DocsGenerator
{
    public static DocsResult Generate(IProvider provider, ExampleFiles examples)
    {
        var problems = new List<string>();
        problems.AddRange(DescriptionCheck.Problems($"provider {provider.TypeName}", provider.Schema.Block));
        foreach (var r in provider.Resources)
        {
            problems.AddRange(DescriptionCheck.Problems($"resource {r.TypeName}", r.Schema.Block));
        }
        foreach (var d in provider.DataSources)
        {
            problems.AddRange(DescriptionCheck.Problems($"data source {d.TypeName}", d.Schema.Block));
        }

        var warnings = new List<string>();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["index.md"] = ProviderPage(provider, examples, warnings),
        };
        foreach (var r in provider.Resources)
        {
            files[$"resources/{ShortName(provider, r.TypeName)}.md"] = ResourcePage(provider, r, examples, warnings);
        }
        foreach (var d in provider.DataSources)
        {
            files[$"data-sources/{ShortName(provider, d.TypeName)}.md"] = DataSourcePage(provider, d, examples, warnings);
        }
        foreach (var f in provider.Functions)
        {
            files[$"functions/{f.Name}.md"] = FunctionPage(provider, f, examples, warnings);
        }
        return new DocsResult(files, problems, warnings);
    }

    private static string ProviderPage(IProvider provider, ExampleFiles examples, List<string> warnings)
    {
        var block = provider.Schema.Block;
        var sb = new StringBuilder();
        FrontMatter(sb, $"{provider.TypeName} Provider", block.Description);
        sb.Append($"# {provider.TypeName} Provider\n\n");
        AppendDescription(sb, block.Description);
        ExampleUsage(sb, examples.Provider(), "examples/provider/provider.tf", warnings);
        sb.Append('\n').Append(SchemaSection.Render(block));
        return sb.ToString();
    }

    private static string ResourcePage(IProvider provider, IResource resource, ExampleFiles examples, List<string> warnings)
    {
        var (description, grammar) = ImportSection.SplitGrammar(resource.Schema.Block.Description);
        var sb = new StringBuilder();
        FrontMatter(sb, $"{resource.TypeName} Resource - {provider.TypeName}", description);
        sb.Append($"# {resource.TypeName} (Resource)\n\n");
        AppendDescription(sb, description);
        ExampleUsage(sb, examples.Resource(resource.TypeName), $"examples/resources/{resource.TypeName}/resource.tf", warnings);
        sb.Append('\n').Append(SchemaSection.Render(resource.Schema.Block));
        if (resource is IImportState)
        {
            var script = examples.ResourceImport(resource.TypeName);
            if (script is null)
            {
                warnings.Add($"examples/resources/{resource.TypeName}/import.sh is missing; the Import section shows a placeholder id.");
            }
            sb.Append('\n').Append(ImportSection.Render(resource.TypeName, grammar, script, (resource as IResourceIdentity)?.IdentitySchema));
        }
        return sb.ToString();
    }

    private static string DataSourcePage(IProvider provider, IDataSource source, ExampleFiles examples, List<string> warnings)
    {
        var description = source.Schema.Block.Description;
        var sb = new StringBuilder();
        FrontMatter(sb, $"{source.TypeName} Data Source - {provider.TypeName}", description);
        sb.Append($"# {source.TypeName} (Data Source)\n\n");
        AppendDescription(sb, description);
        ExampleUsage(sb, examples.DataSource(source.TypeName), $"examples/data-sources/{source.TypeName}/data-source.tf", warnings);
        sb.Append('\n').Append(SchemaSection.Render(source.Schema.Block));
        return sb.ToString();
    }

    private static string FunctionPage(IProvider provider, IFunction function, ExampleFiles examples, List<string> warnings)
    {
        var d = function.Definition;
        var sb = new StringBuilder();
        FrontMatter(sb, $"{function.Name} Function - {provider.TypeName}", d.Summary);
        sb.Append($"# {function.Name} (Function)\n\n");
        AppendDescription(sb, d.Description);
        ExampleUsage(sb, examples.Function(function.Name), $"examples/functions/{function.Name}/function.tf", warnings);
        var parameters = d.Variadic is { } v ? [.. d.Parameters, v] : d.Parameters;
        var signature = string.Join(", ", parameters.Select(p => $"{p.Name} {TypeNames.Of(p.Type)}{(ReferenceEquals(p, d.Variadic) ? "..." : "")}"));
        sb.Append("\n## Signature\n\n```text\n")
            .Append($"provider::{provider.TypeName}::{function.Name}({signature}) {TypeNames.Of(d.Return)}\n")
            .Append("```\n\n## Arguments\n\n");
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            sb.Append($"{i + 1}. `{p.Name}` ({TypeNames.Of(p.Type)}{(p.AllowNull ? ", nullable" : "")}{(ReferenceEquals(p, d.Variadic) ? ", variadic" : "")}) {Markdown.NormalizeBlock(p.Description)}\n");
        }
        return sb.ToString();
    }

    /// <summary>YAML front matter; the description is the first paragraph as plain text (search results show it).</summary>
    private static void FrontMatter(StringBuilder sb, string title, string description)
    {
        var paragraphs = Markdown.Paragraphs(description);
        var summary = paragraphs.Count > 0 ? Markdown.ToPlainText(paragraphs[0]) : "";
        sb.Append("---\n")
            .Append($"page_title: \"{title}\"\n")
            .Append("subcategory: \"\"\n")
            .Append("description: |-\n")
            .Append(Markdown.YamlBlock(summary)).Append('\n')
            .Append("---\n\n");
    }

    private static void AppendDescription(StringBuilder sb, string description)
    {
        var text = Markdown.NormalizeBlock(description);
        if (text.Length > 0)
        {
            sb.Append(text).Append('\n');
        }
    }

    private static void ExampleUsage(StringBuilder sb, string? example, string path, List<string> warnings)
    {
        if (example is null)
        {
            warnings.Add(path + " is missing; the page has no Example Usage.");
            return;
        }
        sb.Append("\n## Example Usage\n\n```terraform\n").Append(example).Append("\n```\n");
    }

    private static string ShortName(IProvider provider, string typeName) =>
        typeName.StartsWith(provider.TypeName + "_", StringComparison.Ordinal) ? typeName[(provider.TypeName.Length + 1)..] : typeName;
}
