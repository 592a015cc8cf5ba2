namespace Homelab.Provider.Docs;

/// <summary>
/// The examples/ tree in the layout tfplugindocs established: <c>provider/provider.tf</c>,
/// <c>resources/&lt;type&gt;/resource.tf</c> + <c>import.sh</c>, <c>data-sources/&lt;type&gt;/data-source.tf</c>, <c>functions/&lt;name&gt;/function.tf</c>.
/// Missing files read as null; text comes back with \n line ends and no trailing blank lines.
/// </summary>
internal sealed class ExampleFiles(string examplesDir)
{
    public string? Provider() => Read("provider", "provider.tf");

    public string? Resource(string typeName) => Read("resources", typeName, "resource.tf");

    public string? ResourceImport(string typeName) => Read("resources", typeName, "import.sh");

    public string? DataSource(string typeName) => Read("data-sources", typeName, "data-source.tf");

    public string? Function(string name) => Read("functions", name, "function.tf");

    private string? Read(params string[] parts)
    {
        var path = Path.Combine([examplesDir, .. parts]);
        return File.Exists(path) ? Markdown.NormalizeBlock(File.ReadAllText(path)) : null;
    }
}
