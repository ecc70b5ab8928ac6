import { render } from 'preact';
import { KbApp } from './components/KbApp';
import '../styles.css';
import './kb.css';

const root = document.getElementById('app');
if (root) render(<KbApp />, root);
