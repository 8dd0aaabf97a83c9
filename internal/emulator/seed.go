package emulator

// Seed is the usual setup of a test or the demo: one project, one
// workspace, and one credential of each kind, all granted RoleProjectOwner.
type Seed struct {
	ProjectID    string
	Workspace    string
	Region       string
	PublicKey    string
	PrivateKey   string
	ClientID     string
	ClientSecret string
	AccessToken  string
}

// DefaultSeed is what Seed fills blank fields with.
func DefaultSeed() Seed {
	return Seed{
		ProjectID:    "32b6e34b3d91647abb20e7b8",
		Workspace:    "analytics",
		Region:       "VIRGINIA_USA",
		PublicKey:    "atlasxpub",
		PrivateKey:   "atlasx-private-key",
		ClientID:     "mdb_sa_id_atlasx",
		ClientSecret: "mdb_sa_sk_atlasx",
		AccessToken:  "atlasx-access-token",
	}
}

// Seed adds s's project, workspace and credentials, blank fields taking
// DefaultSeed's values, and returns the Seed as applied.
func (e *Emulator) Seed(s Seed) Seed {
	or := func(v *string, fallback string) {
		if *v == "" {
			*v = fallback
		}
	}
	d := DefaultSeed()
	or(&s.ProjectID, d.ProjectID)
	or(&s.Workspace, d.Workspace)
	or(&s.Region, d.Region)
	or(&s.PublicKey, d.PublicKey)
	or(&s.PrivateKey, d.PrivateKey)
	or(&s.ClientID, d.ClientID)
	or(&s.ClientSecret, d.ClientSecret)
	or(&s.AccessToken, d.AccessToken)

	e.AddWorkspace(s.ProjectID, s.Workspace, s.Region)
	e.AddAPIKey(s.PublicKey, s.PrivateKey)
	e.AddServiceAccount(s.ClientID, s.ClientSecret)
	e.AddAccessToken(s.AccessToken)
	for _, principal := range []string{s.PublicKey, s.ClientID, s.AccessToken} {
		e.GrantRole(principal, s.ProjectID, RoleProjectOwner)
	}
	return s
}
