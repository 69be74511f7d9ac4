import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/Popup';
import '@/components/theme.css';

createRoot(document.getElementById('root')!).render(<Popup />);
