using Homelab.Provider;
using Homelab.Provider.Framework.Hosting;

return await PluginHost.RunAsync(new HomelabProvider(), args, HomelabProvider.SourceAddress).ConfigureAwait(false);
