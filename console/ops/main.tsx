import { render } from 'preact';
import { OpsApp } from './components/OpsApp';
import '../styles.css';
import './ops.css';

const root = document.getElementById('app');
if (root) render(<OpsApp />, root);
