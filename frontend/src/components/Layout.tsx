import { useState } from "react";
import { Container, Nav, Navbar } from "react-bootstrap";
import { Link, NavLink, Outlet } from "react-router-dom";

import { useAuth } from "../lib/auth";

export function Layout() {
  const { user, endSession } = useAuth();
  // A doctor's account is for the portal: no patient items (analyse, routine, history).
  const doctor = user?.role === "dermatologist";
  const patientItems = !doctor;
  // Held here so the toggle can say whether the phone menu is open (aria-expanded):
  // react-bootstrap's toggle does not.
  const [menuOpen, setMenuOpen] = useState(false);

  async function handleSignOut() {
    await endSession();
    // A full page load, so nothing private stays in this tab's memory.
    window.location.assign("/signin?signed_out=1");
  }

  return (
    <div className="d-flex flex-column min-vh-100">
      <a className="visually-hidden-focusable" href="#main">
        Skip to content
      </a>
      <Navbar
        expand="md"
        className="bg-body-tertiary border-bottom"
        collapseOnSelect
        expanded={menuOpen}
        onToggle={setMenuOpen}
      >
        <Container>
          <Navbar.Brand as={Link} to="/" className="fw-bold text-primary">
            MetSkin
          </Navbar.Brand>
          <Navbar.Toggle aria-controls="main-nav" aria-expanded={menuOpen} label="Show menu" />
          <Navbar.Collapse id="main-nav">
            <Nav className="me-auto">
              {patientItems && (
                <Nav.Link as={NavLink} to="/analyse" eventKey="analyse">
                  Analyse my skin
                </Nav.Link>
              )}
              {user && patientItems && (
                <Nav.Link as={NavLink} to="/routine" eventKey="routine">
                  My routine
                </Nav.Link>
              )}
              <Nav.Link as={NavLink} to="/products" eventKey="products">
                Products
              </Nav.Link>
              <Nav.Link as={NavLink} to="/doctors" eventKey="doctors">
                Dermatologists
              </Nav.Link>
              <Nav.Link href="/learn/">Learn</Nav.Link>
            </Nav>
            <Nav>
              {user ? (
                <>
                  {doctor ? (
                    <Nav.Link as={NavLink} to="/portal" eventKey="portal">
                      Portal
                    </Nav.Link>
                  ) : (
                    <>
                      <Nav.Link as={NavLink} to="/dashboard" eventKey="dashboard">
                        Dashboard
                      </Nav.Link>
                      <Nav.Link as={NavLink} to="/history" eventKey="history">
                        My history
                      </Nav.Link>
                    </>
                  )}
                  <Nav.Link as={NavLink} to="/profile" eventKey="profile">
                    {user.display_name || "Profile"}
                  </Nav.Link>
                  <Nav.Link as="button" className="btn btn-link" onClick={handleSignOut}>
                    Sign out
                  </Nav.Link>
                </>
              ) : (
                <>
                  <Nav.Link as={NavLink} to="/signin" eventKey="signin">
                    Sign in
                  </Nav.Link>
                  <Nav.Link as={NavLink} to="/signup" eventKey="signup">
                    Sign up
                  </Nav.Link>
                </>
              )}
            </Nav>
          </Navbar.Collapse>
        </Container>
      </Navbar>
      <main id="main" className="flex-grow-1">
        <Outlet />
      </main>
      <footer className="border-top py-4 mt-5 small text-body-secondary">
        <Container>
          MetSkin gives information about skin care. It is not a diagnosis and does not replace
          a doctor. <a href="/learn/">Learn about skin</a> · <a href="/privacy">Privacy</a> ·{" "}
          <a href="/terms">Terms</a> · <a href="/api/docs/">API</a>
        </Container>
      </footer>
    </div>
  );
}
