import { createRoot } from 'react-dom/client';
import { Library } from '@/components/Library';
import '@/components/theme.css';
import '@/components/library.css';

createRoot(document.getElementById('root')!).render(<Library />);
