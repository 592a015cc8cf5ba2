using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Example.Provider;

/// <summary>
/// <c>example_file</c>: one text file. The framework plans (defaults, unknowns, replacement),
/// checks every answer against the schema and the client's rules; the resource only does the work.
/// </summary>
internal sealed partial class FileResource : IResource, IImportState, IConfigurable
{
    private FileStore? _store;

    public string TypeName => "example_file";

    public ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = "A text file in the provider's directory. Import id: the file's `name`.",
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "File name; changing it replaces the file.")
            {
                Required = true,
                RequiresReplace = true,
                Validators = [Validators.Matches(NamePattern(), "Use 1-64 letters, digits, `.`, `_` or `-`, not starting with `.`.")],
            },
            new SchemaAttribute("content", TfType.String, "The file's text.") { Required = true },
            new SchemaAttribute("sha256", TfType.String, "SHA-256 of `content`, hex.") { Computed = true },
        ],
    });

    private FileStore Store => _store ?? throw new InvalidOperationException("example_file used before the provider was configured.");

    /// <summary>The configure hook: keep the provider's data instead of casting it on every call.</summary>
    public void Configure(object? providerData, DiagnosticBag diagnostics) => _store = providerData as FileStore;

    public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        Write(request.Planned, response);

    public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        var name = request.State.GetString("name").Get();
        // Gone is not an error: a null state tells the client to plan a new file.
        response.State = Store.Read(name) is { } content ? State(request.State, content) : null;
        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) =>
        Write(request.Planned, response);

    public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        Store.Delete(request.Prior.GetString("name").Get());
        return Task.CompletedTask;
    }

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken)
    {
        if (!NamePattern().IsMatch(request.Id))
        {
            response.Diagnostics.AddError("Invalid import id", $"\"{request.Id}\" is not a file name.");
            return Task.CompletedTask;
        }
        // A partial state; the client reads the rest right after.
        response.State = TfValue.Object(request.Type, [KeyValuePair.Create("name", TfValue.String(request.Id))]);
        return Task.CompletedTask;
    }

    private Task Write(TfValue planned, ResourceResponse response)
    {
        var content = planned.GetString("content").Get();
        Store.Write(planned.GetString("name").Get(), content);
        response.State = State(planned, content);
        return Task.CompletedTask;
    }

    private static TfValue State(TfValue state, string content) =>
        state.With("content", TfValue.String(content)).With("sha256", TfValue.String(FileStore.Sha256(content)));

    [GeneratedRegex(@"\A[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}\z")]
    internal static partial Regex NamePattern();
}
