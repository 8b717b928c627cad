"""Fakes of outside services that cannot run here; each speaks the real wire protocol over real HTTP."""
