using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Cross-attribute checks of a resource's configuration (attribute validators run first).</summary>
public interface IValidateResourceConfig
{
    /// <summary>Values may be unknown; check only what is known.</summary>
    void ValidateConfig(TfValue config, DiagnosticBag diagnostics);
}
