using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.TestProvider;

/// <summary><c>testfw_echo</c>: returns its input upper-cased.</summary>
internal sealed class EchoDataSource : IDataSource
{
    public string TypeName => "testfw_echo";

    public ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = "Echoes `input` back as `result`, upper-cased.",
        Attributes =
        [
            new SchemaAttribute("input", TfType.String, "Text to echo.") { Required = true },
            new SchemaAttribute("result", TfType.String, "`input`, upper-cased.") { Computed = true },
        ],
    });

    public Task ReadAsync(DataSourceReadRequest request, DataSourceResponse response, CancellationToken cancellationToken)
    {
        response.State = request.Config.With("result", TfValue.String(request.Config.GetString("input").Get().ToUpperInvariant()));
        return Task.CompletedTask;
    }
}
