import { Container } from "react-bootstrap";

import { LinkButton } from "../components/LinkButton";
import { usePageTitle } from "../lib/usePageTitle";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <Container className="py-5">
      <h1 className="h2">Page not found</h1>
      <p className="lead">We could not find that page. It may have moved.</p>
      <LinkButton to="/">
        Back to MetSkin
      </LinkButton>
    </Container>
  );
}
