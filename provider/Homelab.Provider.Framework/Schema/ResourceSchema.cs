using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>A versioned schema of a provider, resource or data source.</summary>
public sealed record ResourceSchema(long Version, Block Block)
{
    public TfType ImpliedType => Block.ImpliedType;
}
