using Homelab.NixGen.Model;

namespace Homelab.NixGen.Loading;

/// <summary>Either a host or the errors that prevented it; never both.</summary>
internal sealed record LoadResult(Host? Host, IReadOnlyList<LoadError> Errors)
{
    public bool Success => Host is not null;
}
