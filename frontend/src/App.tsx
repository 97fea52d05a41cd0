import { Route, Routes } from "react-router-dom";

import { Layout } from "./components/Layout";
import { RequireAuth } from "./components/RequireAuth";
import { AnalysePage } from "./routes/AnalysePage";
import { AnalysisPage } from "./routes/AnalysisPage";
import { DashboardPage } from "./routes/DashboardPage";
import { ForgotPasswordPage } from "./routes/ForgotPasswordPage";
import { HistoryPage } from "./routes/HistoryPage";
import { HomePage } from "./routes/HomePage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { ProfilePage } from "./routes/ProfilePage";
import { ResetPasswordPage } from "./routes/ResetPasswordPage";
import { SignInPage } from "./routes/SignInPage";
import { SignUpPage } from "./routes/SignUpPage";
import { SkinProfilePage } from "./routes/SkinProfilePage";
import { VerifyEmailPage } from "./routes/VerifyEmailPage";

const privatePage = (page: React.ReactNode) => <RequireAuth>{page}</RequireAuth>;

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="dashboard" element={privatePage(<DashboardPage />)} />
        <Route path="profile" element={privatePage(<ProfilePage />)} />
        <Route path="profile/skin" element={privatePage(<SkinProfilePage />)} />
        <Route path="analyse" element={privatePage(<AnalysePage />)} />
        <Route path="analyses/:id" element={privatePage(<AnalysisPage />)} />
        <Route path="history" element={privatePage(<HistoryPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
