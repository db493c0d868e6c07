import '@mantine/core/styles.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { preloadPage } from './app/AppRoutes.tsx';

preloadPage(window.location.pathname);

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
