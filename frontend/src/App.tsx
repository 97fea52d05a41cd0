import { Route, Routes } from "react-router-dom";

import { Layout } from "./components/Layout";
import { RequireAuth } from "./components/RequireAuth";
import { AppointmentPage } from "./routes/AppointmentPage";
import { AppointmentsPage } from "./routes/AppointmentsPage";
import { BookPage } from "./routes/BookPage";
import { AnalysePage } from "./routes/AnalysePage";
import { AnalysisPage } from "./routes/AnalysisPage";
import { DashboardPage } from "./routes/DashboardPage";
import { DoctorPage } from "./routes/DoctorPage";
import { DoctorsPage } from "./routes/DoctorsPage";
import { ForgotPasswordPage } from "./routes/ForgotPasswordPage";
import { HistoryPage } from "./routes/HistoryPage";
import { HomePage } from "./routes/HomePage";
import { IngredientCheckPage } from "./routes/IngredientCheckPage";
import { NotFoundPage } from "./routes/NotFoundPage";
import { ProductPage } from "./routes/ProductPage";
import { ProductsPage } from "./routes/ProductsPage";
import { PortalAnalysisPage } from "./routes/PortalAnalysisPage";
import { PortalPage } from "./routes/PortalPage";
import { ProfilePage } from "./routes/ProfilePage";
import { ResetPasswordPage } from "./routes/ResetPasswordPage";
import { RoutinePage } from "./routes/RoutinePage";
import { SignInPage } from "./routes/SignInPage";
import { SignUpPage } from "./routes/SignUpPage";
import { SkinProfilePage } from "./routes/SkinProfilePage";
import { TwoFactorSetupPage } from "./routes/TwoFactorSetupPage";
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
        <Route path="two-factor/setup" element={<TwoFactorSetupPage />} />
        <Route path="dashboard" element={privatePage(<DashboardPage />)} />
        <Route path="profile" element={privatePage(<ProfilePage />)} />
        <Route path="profile/skin" element={privatePage(<SkinProfilePage />)} />
        <Route path="routine" element={privatePage(<RoutinePage />)} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="products/:id" element={<ProductPage />} />
        <Route path="ingredients/check" element={<IngredientCheckPage />} />
        <Route path="doctors" element={<DoctorsPage />} />
        <Route path="doctors/:id" element={<DoctorPage />} />
        <Route path="doctors/:id/book" element={privatePage(<BookPage />)} />
        <Route path="appointments" element={privatePage(<AppointmentsPage />)} />
        <Route path="appointments/:id" element={privatePage(<AppointmentPage />)} />
        <Route path="portal" element={privatePage(<PortalPage />)} />
        <Route path="portal/analyses/:id" element={privatePage(<PortalAnalysisPage />)} />
        <Route path="analyse" element={privatePage(<AnalysePage />)} />
        <Route path="analyses/:id" element={privatePage(<AnalysisPage />)} />
        <Route path="history" element={privatePage(<HistoryPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
