// Minimal Zed extension: find `specls` on the worktree's PATH and start `specls serve`.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct SpeclsExtension;

impl zed::Extension for SpeclsExtension {
    fn new() -> Self {
        SpeclsExtension
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let path = worktree
            .which("specls")
            .ok_or_else(|| "specls is not on PATH; install it with `pipx install specls`".to_string())?;
        Ok(zed::Command { command: path, args: vec!["serve".into()], env: Default::default() })
    }
}

zed::register_extension!(SpeclsExtension);
