package emulator_test

import (
	"net/http"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestStartAndClose(t *testing.T) {
	t.Parallel()
	em := emulator.New()
	if em.URL() != "" {
		t.Errorf("URL before Start = %q", em.URL())
	}
	url := em.Start()
	t.Cleanup(func() { _ = em.Close() })
	if em.URL() != url {
		t.Errorf("URL() = %q, Start returned %q", em.URL(), url)
	}
	resp, err := http.Get(url + emulator.AdminCountsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET counts: %d", resp.StatusCode)
	}
	if _, err := em.Listen("127.0.0.1:0"); err == nil {
		t.Error("a second Listen succeeded")
	}
	if err := em.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := http.Get(url + emulator.AdminCountsPath); err == nil {
		t.Error("still serving after Close")
	}
	if err := em.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
