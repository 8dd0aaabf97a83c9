package serve

import (
	"os"
	"strings"
)

// sdkLogLevels are the loggers of the plugin SDK and of this provider. Unset,
// each logs at TRACE: every RPC is encoded as JSON lines that the CLI reads
// and parses only to throw away when it is not logging. The provider's own
// logger (tflog, and the client's subsystem under it) takes its level from
// TF_LOG_PROVIDER_<NAME>, named after the last part of the address, not
// from TF_LOG_PROVIDER.
var sdkLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER", providerLogLevel}

var providerLogLevel = "TF_LOG_PROVIDER_" + strings.ToUpper(Address[strings.LastIndex(Address, "/")+1:])

// silenceUnwantedLogs turns those loggers off when no TF_LOG* variable is set,
// that is when the CLI (whose environment the provider inherits) keeps no log.
// Any TF_LOG* setting leaves logging exactly as the SDK configures it.
func silenceUnwantedLogs() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range sdkLogLevels {
		os.Setenv(name, "off")
	}
}
