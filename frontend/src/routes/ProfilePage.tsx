import { Alert, Card, Col, Container, Row, Spinner } from "react-bootstrap";
import { Link } from "react-router-dom";

import { useProfile } from "../features/account/api";
import { BackupCodesPanel } from "../features/account/components/BackupCodesPanel";
import { CloseAccountPanel } from "../features/account/components/CloseAccountPanel";
import { PasswordChangeForm } from "../features/account/components/PasswordChangeForm";
import { PrivacyPanel } from "../features/account/components/PrivacyPanel";
import { ProfileForm } from "../features/account/components/ProfileForm";
import { SignOutEverywhere } from "../features/account/components/SignOutEverywhere";
import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";

export function ProfilePage() {
  usePageTitle("Profile and settings");
  const { data, error } = useProfile();
  const { user } = useAuth();
  const usesTwoFactor = user?.role === "dermatologist" || user?.role === "staff" || user?.is_staff;
  return (
    <Container className="py-4">
      <h1 className="h2 mb-1">Profile and settings</h1>
      <p className="text-body-secondary">
        {data?.email} · <Link to="/profile/skin">Edit my skin profile</Link>
      </p>
      {error && <Alert variant="danger">{error.message}</Alert>}
      <Row className="g-4">
        <Col lg={7}>
          <Card>
            <Card.Body>
              <Card.Title as="h2" className="h5">
                About you and reminders
              </Card.Title>
              {data ? <ProfileForm initial={data} /> : !error && <Spinner size="sm" />}
            </Card.Body>
          </Card>
        </Col>
        <Col lg={5}>
          <Card>
            <Card.Body>
              <Card.Title as="h2" className="h5">
                Password
              </Card.Title>
              <PasswordChangeForm />
            </Card.Body>
          </Card>
          {usesTwoFactor && (
            <Card className="mt-4">
              <Card.Body>
                <Card.Title as="h2" className="h5">
                  Backup codes
                </Card.Title>
                <BackupCodesPanel />
              </Card.Body>
            </Card>
          )}
          <Card className="mt-4">
            <Card.Body>
              <Card.Title as="h2" className="h5">
                Sign out everywhere
              </Card.Title>
              <SignOutEverywhere />
            </Card.Body>
          </Card>
          {usesTwoFactor && (
            <Card className="mt-4">
              <Card.Body>
                <Card.Title as="h2" className="h5">
                  Close your account
                </Card.Title>
                <CloseAccountPanel
                  role={user?.role === "dermatologist" ? "dermatologist" : "staff"}
                />
              </Card.Body>
            </Card>
          )}
          {user?.role === "patient" && (
            <Card className="mt-4">
              <Card.Body>
                <Card.Title as="h2" className="h5">
                  Your data and privacy
                </Card.Title>
                {/* A patient who is also staff closes the account with a code: that form only */}
                <PrivacyPanel withDelete={!usesTwoFactor} />
              </Card.Body>
            </Card>
          )}
        </Col>
      </Row>
    </Container>
  );
}
