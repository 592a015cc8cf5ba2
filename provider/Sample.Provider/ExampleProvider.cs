using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Example.Provider;

/// <summary>The <c>example</c> provider: text files in one directory.</summary>
internal sealed class ExampleProvider : IProvider
{
    public string TypeName => "example";

    public ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = "Manages text files in one directory.",
        Attributes =
        [
            new SchemaAttribute("directory", TfType.String, "Directory holding the files. Defaults to `$EXAMPLE_DIR`.") { Optional = true },
        ],
    });

    public IReadOnlyList<IResource> Resources { get; } = [new FileResource()];

    public IReadOnlyList<IDataSource> DataSources { get; } = [new FileDataSource()];

    /// <summary>Runs once per process; what it returns reaches every resource through its configure hook.</summary>
    public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var dir = config.GetString("directory").OrNull() ?? Environment.GetEnvironmentVariable("EXAMPLE_DIR");
        if (string.IsNullOrEmpty(dir) || !Path.IsPathFullyQualified(dir))
        {
            diagnostics.AddError("Missing directory", "Set `directory` (an absolute path) or EXAMPLE_DIR.", AttrPath.Attribute("directory"));
            return Task.FromResult<object?>(null);
        }
        Directory.CreateDirectory(dir);
        return Task.FromResult<object?>(new FileStore(dir));
    }
}
