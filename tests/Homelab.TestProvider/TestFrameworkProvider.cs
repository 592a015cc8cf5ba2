using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.TestProvider;

/// <summary>The <c>testfw</c> provider: objects kept as JSON files in <c>store_dir</c>.</summary>
internal sealed class TestFrameworkProvider : IProvider
{
    public string TypeName => "testfw";

    public ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = "Test provider for the Homelab.Providers framework.",
        Attributes =
        [
            new SchemaAttribute("store_dir", TfType.String, "Directory holding one JSON file per object. Defaults to `$TESTFW_STORE_DIR`.") { Optional = true },
        ],
    });

    public IReadOnlyList<IResource> Resources { get; } = [new ThingResource()];

    public IReadOnlyList<IDataSource> DataSources { get; } = [new EchoDataSource()];

    public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var dir = config.GetString("store_dir").ValueOr(Environment.GetEnvironmentVariable("TESTFW_STORE_DIR") ?? "");
        if (dir.Length == 0)
        {
            diagnostics.AddError("Missing store directory", "Set store_dir or TESTFW_STORE_DIR.", AttrPath.Attribute("store_dir"));
            return Task.FromResult<object?>(null);
        }
        Directory.CreateDirectory(dir);
        return Task.FromResult<object?>(new ObjectStore(dir));
    }
}
