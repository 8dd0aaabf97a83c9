package serve

import (
	"os"
	"strings"
	"testing"
)

// clearTFLog unsets every TF_LOG* variable for the test, restoring them after.
func clearTFLog(t *testing.T) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
}

func TestSilenceUnwantedLogsWhenTheCLIKeepsNoLog(t *testing.T) {
	clearTFLog(t)
	for _, name := range sdkLogLevels {
		t.Setenv(name, "") // restored after the test
		os.Unsetenv(name)
	}
	silenceUnwantedLogs()
	for _, name := range sdkLogLevels {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("%s = %q, want off", name, got)
		}
	}
}

func TestSilenceUnwantedLogsLeavesAnyTFLogSettingAlone(t *testing.T) {
	clearTFLog(t)
	t.Setenv("TF_LOG", "trace")
	silenceUnwantedLogs()
	for _, name := range sdkLogLevels {
		if got := os.Getenv(name); got != "" {
			t.Errorf("%s = %q, want it unset so the SDK follows TF_LOG", name, got)
		}
	}
}

// terraform-plugin-go names the provider's logger after the address's last
// part; the variable that sets its level must be among those turned off.
func TestTheProvidersOwnLoggerIsAmongThoseSilenced(t *testing.T) {
	if providerLogLevel != "TF_LOG_PROVIDER_ATLASX" {
		t.Errorf("providerLogLevel = %q, want TF_LOG_PROVIDER_ATLASX", providerLogLevel)
	}
}
