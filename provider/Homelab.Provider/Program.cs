using Homelab.Provider;
using Homelab.Provider.Framework.Hosting;

// Named "homelab" (log @module, HOMELAB_PLUGIN_TRANSPORT, socket names); the certificate keeps the project's name.
var options = new PluginHostOptions("homelab") { CertificateOrganization = "Homelab.Providers" };
return await PluginHost.RunAsync(new HomelabProvider(), args, HomelabProvider.SourceAddress, options).ConfigureAwait(false);
