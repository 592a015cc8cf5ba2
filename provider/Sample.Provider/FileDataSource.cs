using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Example.Provider;

/// <summary><c>example_file</c> (data source): reads a file that exists.</summary>
internal sealed class FileDataSource : IDataSource, IConfigurable
{
    private FileStore? _store;

    public string TypeName => "example_file";

    public ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = "Reads a text file from the provider's directory.",
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "File name.") { Required = true, Validators = [Validators.Matches(FileResource.NamePattern(), "Not a file name.")] },
            new SchemaAttribute("content", TfType.String, "The file's text.") { Computed = true },
            new SchemaAttribute("sha256", TfType.String, "SHA-256 of `content`, hex.") { Computed = true },
        ],
    });

    public void Configure(object? providerData, DiagnosticBag diagnostics) => _store = providerData as FileStore;

    public Task ReadAsync(DataSourceReadRequest request, DataSourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.Config.GetString("name").Get();
        if (_store?.Read(name) is not { } content)
        {
            response.Diagnostics.AddError("File not found", $"There is no file \"{name}\".", AttrPath.Attribute("name"));
            return Task.CompletedTask;
        }
        response.State = request.Config
            .With("content", TfValue.String(content))
            .With("sha256", TfValue.String(FileStore.Sha256(content)));
        return Task.CompletedTask;
    }
}
