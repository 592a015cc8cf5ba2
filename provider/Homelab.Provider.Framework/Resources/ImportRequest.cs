using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>Import: <see cref="Id"/> as the user wrote it; answer with an object of <see cref="Type"/>.</summary>
public sealed record ImportRequest(string Id, TfType Type, object? ProviderData);
